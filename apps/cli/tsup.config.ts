import { copyFile, mkdir } from 'node:fs/promises';
import { appPreset } from '@repro/tsup-preset';
import { defineConfig } from 'tsup';

// splitting: every command's `*-action.ts` (loaded with `await import()`) becomes its own chunk, so
// `repro --help` loads only the command definitions. `repro demo` replays the bundled example: ship it
// in dist/ so an installed CLI has it too.
export default defineConfig(
  appPreset({
    splitting: true,
    async onSuccess() {
      await mkdir('dist/examples', { recursive: true });
      for (const file of ['train_buy_model.py', 'train_buy_model_node.cjs']) await copyFile(`../../examples/${file}`, `dist/examples/${file}`);
    },
  }),
);
