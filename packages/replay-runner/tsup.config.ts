import { libraryPreset } from '@repro/tsup-preset';
import { defineConfig } from 'tsup';

// Two entries: the runner (`.`) and the Node child helper (`./child`, dependency-free).
// `shims` gives the CJS build an `import.meta.url`, used to find the shipped Python helper.
export default defineConfig(libraryPreset({ entry: { index: 'src/index.ts', child: 'src/child/index.ts' }, shims: true }));
