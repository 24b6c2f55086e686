#!/usr/bin/env node
// Node's on-disk compile cache (Node >= 22.1) makes every later start of `repro` faster.
import module from 'node:module';
import v8 from 'node:v8';

module.enableCompileCache?.();
// The embedded store is PGlite, a 9 MB WebAssembly module. V8 re-compiles its hot functions with its
// optimising compiler on background threads, which a short `repro` command never profits from and then
// waits for at exit (0.6 s idle, more on a busy machine). Keep WebAssembly on the baseline compiler in
// this process; unlike --liftoff-only, a function the baseline compiler cannot take is still compiled.
v8.setFlagsFromString('--no-wasm-tier-up');
v8.setFlagsFromString('--no-wasm-dynamic-tiering');
await import('../dist/main.js');
