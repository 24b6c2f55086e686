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
      environment: 'node',
      testTimeout: 30_000,
      hookTimeout: 60_000,
      ...test,
    },
  });
}
