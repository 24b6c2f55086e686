import { defineProject } from 'vitest/config';

/**
 * One vitest project per package. `name` is the package's folder name.
 * @param {string} name
 * @param {import('vitest/config').UserWorkspaceConfig['test']} [test]
 */
export function packageProject(name, test = {}) {
  return defineProject({
    test: {
      name,
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      // Type tests (`*.test-d.ts`, expectTypeOf) pin the public signatures; tsc checks them in the same run.
      typecheck: { enabled: true, include: ['src/**/*.test-d.ts', 'test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
      environment: 'node',
      testTimeout: 30_000,
      hookTimeout: 60_000,
      ...test,
    },
  });
}
