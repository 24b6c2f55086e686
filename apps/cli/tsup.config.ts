import { copyFile, mkdir } from 'node:fs/promises';
import { appPreset } from '@repro/tsup-preset';
import { defineConfig } from 'tsup';

// `repro demo` replays the bundled example: ship it in dist/ so an installed CLI has it too.
export default defineConfig(
  appPreset({
    async onSuccess() {
      await mkdir('dist/examples', { recursive: true });
      await copyFile('../../examples/train_buy_model.py', 'dist/examples/train_buy_model.py');
    },
  }),
);
