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
      // Type tests (`*.test-d.ts`, expectTypeOf) pin the public signatures. Each package's `typecheck` task
      // (tsc --noEmit over src and test, a step of `pnpm test`) checks them: a wrong type is a compile error
      // there. vitest's typecheck mode would run tsc over every project a second time (~2 minutes of the suite).
      typecheck: { enabled: false },
      environment: 'node',
      // Set per project: vitest 5 does not pass the root config's maxWorkers down to its projects. One file at
      // a time, on purpose: with two, a fresh-clone run once saw a worker in secrets-never-stored.test.ts leave
      // a job unclaimed for 120 s (not reproduced in two runs since). Until that is understood, the
      // real-process tests do not share the 2 cores (vitest ~8 min instead of ~5).
      maxWorkers: 1,
      testTimeout: 30_000,
      hookTimeout: 60_000,
      ...test,
    },
  });
}
