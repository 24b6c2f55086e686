import { libraryPreset } from '@repro/tsup-preset';
import { defineConfig } from 'tsup';

// One build, two entries: `index` is the library (queue contract + job client, ESM and CJS with types, used
// by `repro submit` / `repro jobs`); `main` is the `repro-worker` service behind bin/repro-worker.js.
// `main` is built in both formats too (it has no top-level await); the bin imports the ESM one.
export default defineConfig(
  libraryPreset({
    entry: { index: 'src/index.ts', main: 'src/main.ts' },
    dts: { entry: { index: 'src/index.ts' } },
  }),
);
