// Shared tsup presets: libraries ship ESM + CJS + .d.ts/.d.cts; apps ship ESM, code-split so that modules an
// app loads with `await import()` stay out of its start-up (the CLI overrides this: one CommonJS bundle, see
// apps/cli/tsup.config.ts).
/** @param {import('tsup').Options} [overrides] */
export function libraryPreset(overrides = {}) {
  return {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node22',
    platform: 'node',
    splitting: false,
    treeshake: true,
    ...overrides,
  };
}

/** @param {import('tsup').Options} [overrides] */
export function appPreset(overrides = {}) {
  return {
    entry: ['src/main.ts'],
    format: ['esm'],
    dts: false,
    sourcemap: true,
    clean: true,
    target: 'node22',
    platform: 'node',
    splitting: true,
    ...overrides,
  };
}
