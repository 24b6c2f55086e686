#!/usr/bin/env node
// The CLI is one CommonJS bundle, dist/main.cjs (see tsup.config.ts); this entry prepares the process and
// requires it. CommonJS throughout: a start that never enters Node's ES module loader is ~20 ms faster.
'use strict';
const { enableCompileCache } = require('node:module');

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  // `repro --version`: the version of the installed package manifest, the line commander would print
  // (src/cli-version.ts reads the same field for the command tree), without loading the command tree
  process.stdout.write(`${require('../package.json').version}\n`);
  return;
}
// Node's on-disk compile cache (Node >= 22.1) makes every later start of `repro` faster.
enableCompileCache?.();
// The embedded store is PGlite, a 9 MB WebAssembly module. V8 re-compiles its hot functions with its
// optimising compiler on background threads, which a short `repro` command never profits from and then
// waits for at exit (0.6 s idle, more on a busy machine). Keep WebAssembly on the baseline compiler in
// this process; unlike --liftoff-only, a function the baseline compiler cannot take is still compiled.
const v8 = require('node:v8');
v8.setFlagsFromString('--no-wasm-tier-up');
v8.setFlagsFromString('--no-wasm-dynamic-tiering');
require('../dist/main.cjs');
