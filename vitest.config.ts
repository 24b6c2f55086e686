import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'tooling/release'],
    reporters: ['default', '@repro/vitest-preset/summary-reporter'],
    // Each project sets its own maxWorkers (tooling/vitest-preset): vitest 5 does not pass this one down.
    maxWorkers: 1,
  },
});
