import { copyFile, mkdir } from 'node:fs/promises';
import { appPreset } from '@repro/tsup-preset';
import { defineConfig } from 'tsup';
import { commanderLazyChildProcess } from './build/commander-lazy-child-process.js';

// One CommonJS file, dist/main.cjs, required by bin/repro.cjs. Start-up is what a CLI is judged on: Node loads a CommonJS bundle
// without its ES module loader and without the ES-module facades of the built-in modules that commander and
// our code import (together ~20 ms of a 60 ms `repro --help`). commander (ESM-only) is bundled in; every
// other dependency stays external and is `require`d where a command's action needs it. Each command's
// `*-action.ts`, loaded with `await import('./…-action.js')`, becomes a lazy initialiser inside the bundle:
// its code is parsed at start-up but runs — and requires its heavy dependencies (PGlite, the AWS SDK,
// pg-boss, zod) — only when that command runs. A dynamic import of a package would stay an ES import and load
// that package's ESM copy beside the CommonJS one that static imports require (two copies, two sets of
// error classes): with dynamic import marked unsupported, esbuild turns each into a deferred `require`
// (test/start-up-modules.test.ts checks that no `import(` is left). `shims` gives `import.meta.url` its
// meaning (dist/main.cjs) in the bundle.
// `repro demo` replays the bundled example: ship it in dist/ so an installed CLI has it too.
export default defineConfig(
  appPreset({
    format: ['cjs'],
    splitting: false,
    shims: true,
    noExternal: ['commander'],
    esbuildPlugins: [commanderLazyChildProcess],
    esbuildOptions(options) {
      options.supported = { ...options.supported, 'dynamic-import': false };
    },
    async onSuccess() {
      await mkdir('dist/examples', { recursive: true });
      for (const file of ['train_buy_model.py', 'train_buy_model_node.cjs']) await copyFile(`../../examples/${file}`, `dist/examples/${file}`);
    },
  }),
);
