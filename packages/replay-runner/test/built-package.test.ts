import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { childResultJsonSchema } from '../src/index.js';
import { fixture, python } from './process-state.js';

const dist = (file: string) => fileURLToPath(new URL(`../dist/${file}`, import.meta.url));

// Needs `pnpm --filter @repro/replay-runner build` first (as the brief's test command does).
describe('the built package (ESM and CJS) finds its shipped helpers', () => {
  for (const format of ['esm', 'cjs'] as const) {
    it(`${format}: pythonHelperDir() holds repro_child and a replay through the build succeeds`, () => {
      const entry = dist(format === 'esm' ? 'index.js' : 'index.cjs');
      const load = format === 'esm' ? `await import(${JSON.stringify(entry)})` : `require(${JSON.stringify(entry)})`;
      const script = `(async () => {
        const m = ${load};
        const out = await m.runReplay({ command: [${JSON.stringify(python)}, ${JSON.stringify(fixture('trivial.py'))}] });
        process.stdout.write(JSON.stringify({ dir: m.pythonHelperDir(), node: m.nodeChildHelperPath(), ok: out.ok, kind: out.error && out.error.kind }));
      })();`;
      const result = JSON.parse(
        execFileSync(process.execPath, [format === 'esm' ? '--input-type=module' : '--input-type=commonjs', '-e', script], {
          encoding: 'utf8',
        }),
      );
      expect(existsSync(`${result.dir}/repro_child/__init__.py`)).toBe(true);
      expect(existsSync(result.node)).toBe(true);
      expect(result).toMatchObject({ ok: true, kind: null });
    });
  }

  it('the shipped JSON Schema, and the one in the README, equal the one generated from the zod schema', () => {
    const read = (file: string) => readFileSync(fileURLToPath(new URL(`../${file}`, import.meta.url)), 'utf8');
    expect(JSON.parse(read('schema/child-result.schema.json'))).toEqual(childResultJsonSchema());
    const block = /<!-- child-result\.schema\.json: generated -->\n```json\n([\s\S]*?)```/.exec(read('README.md'));
    expect(JSON.parse(block?.[1] ?? 'null')).toEqual(childResultJsonSchema());
  });
});
