import { copyFile, mkdir } from 'node:fs/promises';
import { appPreset } from '@repro/tsup-preset';
import { defineConfig } from 'tsup';

// `repro demo` replays the bundled example: ship it in dist/ so an installed CLI has it too.
export default defineConfig(
  appPreset({
    // Code splitting: each command group is its own chunk, loaded only when argv names it (program.ts),
    // so a one-shot command such as `repro sf lint` does not load the store, S3 or queue code.
    splitting: true,
    async onSuccess() {
      await mkdir('dist/examples', { recursive: true });
      for (const file of ['train_buy_model.py', 'train_buy_model_node.cjs']) await copyFile(`../../examples/${file}`, `dist/examples/${file}`);
    },
  }),
);
