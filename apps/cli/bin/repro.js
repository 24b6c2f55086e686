#!/usr/bin/env node
// Node's on-disk compile cache (Node >= 22.1) makes every later start of `repro` faster.
import module from 'node:module';

module.enableCompileCache?.();
await import('../dist/main.js');
