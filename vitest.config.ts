import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'tooling/release'],
    reporters: ['default', '@repro/vitest-preset/summary-reporter'],
    // 2-core machines: keep parallelism modest so real-process and service tests stay stable.
    maxWorkers: 2,
  },
});
