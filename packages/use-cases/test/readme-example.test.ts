import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const packageDir = new URL('..', import.meta.url);

describe('README', () => {
  it('its first example runs as written against the built package and prints what its comment says', async () => {
    if (!existsSync(new URL('dist/index.js', packageDir))) throw new Error('build @repro/use-cases first: pnpm --filter @repro/use-cases build');
    const readme = readFileSync(new URL('README.md', packageDir), 'utf8');
    const example = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toContain('runVerdictForCell');
    // inside the package folder, `@repro/use-cases` resolves to this package itself (self-reference by name)
    const file = new URL(`readme-example-${process.pid}.mjs`, packageDir);
    writeFileSync(file, example!);
    try {
      const { stdout } = await promisify(execFile)(process.execPath, [file.pathname], { cwd: packageDir.pathname });
      expect(stdout.trim()).toBe('INCONCLUSIVE_TOOLING canonical_absent');
    } finally {
      rmSync(file, { force: true });
    }
  }, 120_000);
});
