import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type Diagnostic, lint } from '../src/index.js';

// `@repro/sf-topology/validate` as users load it: the built package (tsup; run
// `pnpm turbo run build --filter @repro/sf-topology` first), in a fresh node process per case.
const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
const CHILD = fileURLToPath(new URL('./lint-and-record-modules.mjs', import.meta.url));
const ZOD = /\/node_modules\/zod\//;
const JSONATA = /\/node_modules\/jsonata\//;

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)), 'utf8')) as Record<string, unknown>;
const branch = (name: string): Record<string, unknown> => ({ StartAt: name, States: { [name]: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true } } });
/** The 40-state JSONPath fixture plus an (unreachable) Parallel whose branch Tasks have no catcher and whose InputPath is no path. */
const JSONPATH_MACHINE = (() => {
  const machine = fixture('saturday-pipeline.asl.json');
  const states = machine.States as Record<string, unknown>;
  states.Fanout = { Type: 'Parallel', InputPath: 'input', Branches: [branch('Left'), branch('Right')], Next: 'PipelineSucceeded' };
  return machine;
})();
/** The JSONata fixture with one expression that does not parse. */
const BROKEN_JSONATA_MACHINE = (() => {
  const machine = fixture('jsonata-pipeline.asl.json');
  const states = machine.States as Record<string, Record<string, unknown>>;
  states.Prepare = { ...states.Prepare, Assign: { run_date: '{% $states.input.run_date + %}' } };
  return machine;
})();

function lintInFreshProcess(how: 'import' | 'require', entry: string, definition: unknown): { diagnostics: Diagnostic[]; loaded: string[] } {
  const run = spawnSync(process.execPath, [CHILD, how, `${DIST}${entry}`, JSON.stringify(definition)], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as { diagnostics: Diagnostic[]; loaded: string[] };
}

describe('@repro/sf-topology/validate loads neither zod nor jsonata until a definition needs jsonata', () => {
  it('the package is built (pnpm turbo run build --filter @repro/sf-topology)', () => {
    for (const file of ['validate.js', 'validate.cjs', 'index.js', 'index.cjs']) {
      expect(existsSync(`${DIST}${file}`), `${DIST}${file} is missing: build the package first`).toBe(true);
    }
  });

  describe.each([
    ['import', 'validate.js'],
    ['require', 'validate.cjs'],
  ] as const)('%s of dist/%s', (how, entry) => {
    it('a JSONPath machine: no zod, no jsonata, and the diagnostics of the source', () => {
      const { diagnostics, loaded } = lintInFreshProcess(how, entry, JSONPATH_MACHINE);
      expect(loaded.some((url) => url.endsWith(`/dist/${entry}`))).toBe(true);
      expect(loaded.filter((url) => ZOD.test(url) || JSONATA.test(url))).toEqual([]);
      expect(diagnostics).toEqual(lint(JSONPATH_MACHINE));
      expect(diagnostics.map((d) => [d.code, d.path])).toEqual([
        ['INVALID_JSONPATH', '/States/Fanout/InputPath'],
        ['UNREACHABLE_STATE', '/States/Fanout'],
        ['SIBLING_CANCEL_HAZARD', '/States/Fanout/Branches/0/States/Left'],
        ['SIBLING_CANCEL_HAZARD', '/States/Fanout/Branches/1/States/Right'],
      ]);
    });

    it('a JSONata machine: jsonata is loaded (still no zod) and a broken expression is a JSONATA_SYNTAX error', () => {
      const { diagnostics, loaded } = lintInFreshProcess(how, entry, BROKEN_JSONATA_MACHINE);
      expect(loaded.some((url) => JSONATA.test(url))).toBe(true);
      expect(loaded.filter((url) => ZOD.test(url))).toEqual([]);
      expect(diagnostics).toEqual(lint(BROKEN_JSONATA_MACHINE));
      expect(diagnostics.filter((d) => d.code === 'JSONATA_SYNTAX').map((d) => d.path)).toEqual(['/States/Prepare/Assign/run_date']);
    });
  });

  it.each([
    ['import', 'index.js'],
    ['require', 'index.cjs'],
  ] as const)('the main entry (%s of dist/%s) does load zod: the recorder sees it', (how, entry) => {
    const { loaded } = lintInFreshProcess(how, entry, JSONPATH_MACHINE);
    expect(loaded.some((url) => ZOD.test(url))).toBe(true);
  });

  it.each([
    ['ESM', ['--input-type=module', '-e', `const [a, b] = await Promise.all([import('${DIST}validate.js'), import('${DIST}index.js')]); process.stdout.write(String(a.lint === b.lint && a.validate === b.validate));`]],
    ['CJS', ['-e', `const a = require('${DIST}validate.cjs'); const b = require('${DIST}index.cjs'); process.stdout.write(String(a.lint === b.lint && a.validate === b.validate));`]],
  ])('%s: both entries hand out the same functions (one shared chunk)', (_format, args) => {
    const run = spawnSync(process.execPath, args, { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('true');
  });
});
