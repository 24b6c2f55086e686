import { appPreset } from '@repro/tsup-preset';
import { defineConfig } from 'tsup';

// The `repro-worker` service behind bin/repro-worker.js. The queue contract and its client are
// @repro/job-queue (the worker is an app, not a library). Split so that `--version` loads no service code.
export default defineConfig(appPreset({ entry: { main: 'src/main.ts' }, splitting: true }));
