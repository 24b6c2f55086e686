import { verdictSchema } from '@repro/verdict-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRepro } from '../../../test/run-cli-in-process.js';
import { scratchDir } from '../../../test/scratch-dir.js';
import { cliStoreBackends } from '../../../test/store-backends.js';

const backends = await cliStoreBackends();
const { file } = scratchDir('repro-cli-decide-store');
afterAll(async () => {
  for (const backend of backends) await backend.close();
});

const PROVENANCE = { build_sha: 'abc', instance_type: 'm5.large', os: 'linux', lib_versions: { numpy: '1.26' } };
const TEN = '0.61,0.612,0.609,0.611,0.613,0.608,0.61,0.614,0.607,0.612';
const A = file('a.json', { value: 0.6101, fingerprint: { ...PROVENANCE, observed_knobs: { OMP_NUM_THREADS: '1' } } });
const B = file('b.json', { value: 0.6101 });

describe.each(backends)('repro verdict decide --from-store on $name', (backend) => {
  let env: Record<string, string>;
  beforeAll(async () => {
    env = backend.env(await backend.newSchema());
    const setup = [
      ['db', 'migrate'],
      ['canonical', 'record', '--cell', 'c1', '--metric', 'f1_buy', '--value', '0.61', '--run-id', 'r1', '--provenance-file', file('prov.json', PROVENANCE), '--promote'],
      ['canonical', 'record', '--cell', 'c2', '--metric', 'f1_buy', '--value', '0.61', '--run-id', 'r2', '--build-sha', 'abc', '--promote'],
      ['envelope', 'put', '--image-sha', 'sha256:prod', '--cell', 'c1', '--metric', 'f1_buy', '--values', TEN],
      ['envelope', 'put', '--image-sha', 'sha256:prod', '--cell', 'c2', '--metric', 'f1_buy', '--values', TEN],
      ['envelope', 'put', '--image-sha', 'sha256:few', '--cell', 'c1', '--metric', 'f1_buy', '--values', '0.6,0.61'],
    ];
    for (const argv of setup) expect((await runRepro(argv, { env })).code, argv.join(' ')).toBe(0);
  });
  const decide = (cell: string, sha: string, a = A, b = B, ...more: string[]) =>
    runRepro(['verdict', 'decide', '--from-store', '--cell', cell, '--metric', 'f1_buy', '--image-sha', sha, '--replay-a', a, '--replay-b', b, ...more], { env });

  it('reads the canonical and eps_prod from the store, decides, saves the verdict, and exits like verdict decide', async () => {
    const run = await decide('c1', 'sha256:prod', A, B, '--json', '--events');
    expect(run.code).toBe(0);
    const verdict = verdictSchema.parse(JSON.parse(run.stdout));
    expect(verdict).toMatchObject({
      verdict: 'FIDELITY_OK',
      canonical_run_id: 'r1',
      canonical_build_sha: 'abc',
      eps_prod_image_sha: 'sha256:prod',
      parity_state: 'equal',
      audit: { canonical_value: 0.61 },
    });
    expect(verdict.eps_prod).toBeCloseTo(0.0101286, 6);
    const events = run.stderr.trim().split('\n').map((line) => JSON.parse(line).event);
    expect(events).toEqual(['s18_replay_determinism', 's18_replay_divergence', 's18_replay_verdict', 'verdict_saved']);
    const saved = JSON.parse((await runRepro(['verdicts', 'list', '--cell', 'c1', '--limit', '1', '--json'], { env })).stdout);
    expect(saved).toEqual([verdict]);
  });

  it.each([
    { name: 'NON_DETERMINISTIC', cell: 'c1', sha: 'sha256:prod', a: { value: 0.6101 }, b: { value: 0.7 }, code: 10, reason: null },
    { name: 'CANONICAL_DIVERGENCE', cell: 'c1', sha: 'sha256:prod', a: { value: 0.7, fingerprint: PROVENANCE }, b: { value: 0.7 }, code: 11, reason: null },
    { name: 'INCONCLUSIVE_TOOLING', cell: 'no-such-cell', sha: 'sha256:prod', a: null, b: null, code: 12, reason: 'canonical_absent' },
    { name: 'INCONCLUSIVE_TOOLING', cell: 'c1', sha: 'sha256:few', a: null, b: null, code: 12, reason: 'epsilon_prod_unmeasured' },
    { name: 'INCONCLUSIVE_TOOLING', cell: 'c1', sha: 'sha256:other-image', a: null, b: null, code: 12, reason: 'epsilon_prod_unmeasured' },
    { name: 'INCONCLUSIVE_TOOLING', cell: 'c2', sha: 'sha256:prod', a: null, b: null, code: 12, reason: 'env_parity_unverified' },
  ] as const)('$name on cell $cell, image $sha: exit $code, reason $reason', async ({ name, cell, sha, a, b, code, reason }) => {
    const fileA = a === null ? A : file(`${name}-${cell}-a.json`, a);
    const fileB = b === null ? B : file(`${name}-${cell}-b.json`, b);
    const run = await decide(cell, sha, fileA, fileB, '--json');
    expect(run.code).toBe(code);
    expect(JSON.parse(run.stdout)).toMatchObject({ verdict: name, reason });
  });

  it('--parity-dims and --eps-num are honoured; the human summary is the one of verdict decide', async () => {
    const narrowed = await decide('c2', 'sha256:prod', A, B, '--parity-dims', 'build_sha', '--eps-num', '0');
    expect(narrowed.code).toBe(0);
    expect(narrowed.stdout).toMatch(/verdict\s+FIDELITY_OK/);
    expect(narrowed.stdout).toMatch(/parity \(P0\)\s+equal: build_sha=equal/);
    expect(narrowed.stdout).toMatch(/eps_num\s+0\n/);
  });

  it('bad input exits 2 naming the file, field or flag, and saves nothing', async () => {
    const before = JSON.parse((await runRepro(['verdicts', 'list', '--json'], { env })).stdout).length;
    const bad = await decide('c1', 'sha256:prod', file('bad-a.json', { value: 'nan' }));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^repro: .*bad-a\.json/m);
    const notJson = await decide('c1', 'sha256:prod', A, file('broken.json', '{'));
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toContain('broken.json: not JSON');
    const cases: [string[], RegExp][] = [
      [['verdict', 'decide', '--from-store', '--cell', 'c1', '--metric', 'f1_buy', '--image-sha', 's', '--replay-a', A], /--from-store needs --replay-b/],
      [['verdict', 'decide', '--from-store', '--input', A, '--cell', 'c1', '--metric', 'f1_buy', '--image-sha', 's', '--replay-a', A, '--replay-b', B], /--input and --from-store exclude each other/],
      [['verdict', 'decide', '--from-store', '--cell', 'c1', '--metric', 'f1_buy', '--image-sha', 's', '--replay-a', A, '--replay-b', B, '--eps-num', '-1'], /--eps-num: "-1" is out of range: must be ≥ 0/],
      [['verdict', 'decide', '--from-store', '--cell', 'c1', '--metric', 'f1_buy', '--image-sha', 's', '--replay-a', '-', '--replay-b', '-'], /cannot both read stdin/],
      [['verdict', 'decide', '--cell', 'c1', '--input', A], /--cell needs --from-store/],
      [['verdict', 'decide'], /--input is required \(or decide from the store with --from-store\)/],
    ];
    for (const [argv, message] of cases) {
      const run = await runRepro(argv, { env });
      expect(run.code, argv.join(' ')).toBe(2);
      expect(run.stderr).toMatch(message);
    }
    expect(JSON.parse((await runRepro(['verdicts', 'list', '--json'], { env })).stdout)).toHaveLength(before);
  });
});
