import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verdictEventSchema, verdictSchema } from '@repro/verdict-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { runRepro } from '../../../test/run-cli-in-process.js';

const PROVENANCE = { build_sha: 'abc', instance_type: 'm5.large', os: 'linux', lib_versions: { numpy: '1.26' } };
const OK = {
  cell: 'defi_top5/fold-3',
  metric: 'f1_buy',
  eps_num: 1e-9,
  replay_a: { value: 0.61, fingerprint: { ...PROVENANCE, observed_knobs: { OMP_NUM_THREADS: '1' } } },
  replay_b: { value: 0.61 },
  canonical: { run_id: 'r1', value: 0.6101, provenance: { ...PROVENANCE, lib_versions: { numpy: '1.26' } } },
  eps_prod: { value: 0.002, image_sha: 'sha256:prod' },
};

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'repro-verdict-cli-'));
});
const file = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};
const decide = (input: unknown, ...flags: string[]) => runRepro(['verdict', 'decide', '--input', '-', ...flags], { stdin: JSON.stringify(input) });

describe('repro verdict decide', () => {
  it.each([
    ['FIDELITY_OK', OK, 0],
    ['NON_DETERMINISTIC', { ...OK, replay_b: { value: 0.62 } }, 10],
    ['CANONICAL_DIVERGENCE', { ...OK, canonical: { ...OK.canonical, value: 0.7 } }, 11],
    ['INCONCLUSIVE_TOOLING', { ...OK, replay_a: { error: 'timeout after 600 s' } }, 12],
  ] as const)('%s exits %i and --json prints only the Verdict', async (verdict, input, code) => {
    const run = await decide(input, '--json');
    expect(run.code).toBe(code);
    const parsed = verdictSchema.parse(JSON.parse(run.stdout));
    expect(parsed.verdict).toBe(verdict);
    expect(Date.parse(parsed.decided_at)).not.toBeNaN();
  });

  it('reads a file, prints a readable summary, and, with --events, logs the catalogue events as JSON lines on stderr', async () => {
    const unasked = await runRepro(['verdict', 'decide', '--input', file('ok.json', OK)]);
    expect(unasked.code).toBe(0);
    expect(unasked.stderr).toBe('');
    const run = await runRepro(['verdict', 'decide', '--input', file('ok.json', OK), '--events']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/verdict\s+FIDELITY_OK/);
    expect(run.stdout).toMatch(/parity \(P0\)\s+equal: build_sha=equal/);
    const events = run.stderr.trim().split('\n').map((line) => JSON.parse(line));
    expect(events.map((e) => e.event)).toEqual(['s18_replay_determinism', 's18_replay_divergence', 's18_replay_verdict']);
    for (const { level, time, ...event } of events) {
      expect(level).toBe('info');
      expect(Date.parse(time)).not.toBeNaN();
      verdictEventSchema.parse(event);
    }
  });

  it('--log-format logfmt renders events as logfmt, warn on a FAIL cause', async () => {
    const run = await runRepro(['--events', '--log-format', 'logfmt', 'verdict', 'decide', '--input', '-'], { stdin: JSON.stringify({ ...OK, replay_b: { value: 0.62 } }) });
    expect(run.code).toBe(10);
    expect(run.stderr).toMatch(/^time=\S+ level=info event=s18_replay_determinism cell=defi_top5\/fold-3 metric=f1_buy status=FAIL/m);
    expect(run.stderr).toMatch(/level=warn event=s18_replay_determinism_cause .*cause=real_instability/);
  });

  it('an array input prints an array and exits 0 whatever the verdicts', async () => {
    const run = await decide([OK, { ...OK, cell: 'c/2', canonical: null }], '--json');
    expect(run.code).toBe(0);
    const verdicts = JSON.parse(run.stdout);
    expect(verdicts.map((v: { verdict: string; reason: string | null }) => [v.verdict, v.reason])).toEqual([
      ['FIDELITY_OK', null],
      ['INCONCLUSIVE_TOOLING', 'canonical_absent'],
    ]);
    const table = await decide([OK, { ...OK, cell: 'c/2', canonical: null }]);
    expect(table.stdout).toMatch(/c\/2\s+f1_buy\s+INCONCLUSIVE_TOOLING\s+canonical_absent/);
  });

  it('accepts the NaN/Infinity strings and null values', async () => {
    const run = await decide({ ...OK, replay_a: { value: 'Infinity' }, replay_b: { value: null } }, '--json');
    expect(run.code).toBe(12);
    expect(JSON.parse(run.stdout)).toMatchObject({ reason: 'replay_error', audit: { replay_a: { value: 'Infinity' }, replay_b: { value: null } } });
  });

  it('--parity-dims sets the required P0 dimensions', async () => {
    const input = { ...OK, canonical: { ...OK.canonical, provenance: { build_sha: 'abc' } } };
    expect((await decide(input)).code).toBe(12); // instance_type, os, lib_versions missing on the canonical side
    const narrowed = await decide(input, '--parity-dims', 'build_sha', '--json');
    expect(narrowed.code).toBe(0);
    expect(JSON.parse(narrowed.stdout).parity_dims).toEqual({ build_sha: 'equal' });
  });

  it('invalid input exits 2 naming the field', async () => {
    const bad = await decide([OK, { ...OK, replay_b: { value: 'nan' } }]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^repro: stdin: \[1\]\.replay_b: /);
    expect(bad.stdout).toBe('');
    const missing = await decide({ ...OK, metric: undefined });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('metric');
    const notJson = await runRepro(['verdict', 'decide', '--input', file('bad.json', '{"cell": ')]);
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toContain('bad.json: not JSON');
    const absent = await runRepro(['verdict', 'decide', '--input', join(dir, 'nope.json')]);
    expect(absent.code).toBe(2);
    expect(absent.stderr).toContain('nope.json: cannot read');
    const json = await decide({ ...OK, eps_num: -1 }, '--json');
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'invalid_observation', field: 'eps_num' } });
    expect((await decide(OK, '--parity-dims', 'a,,b')).code).toBe(2);
  });
});
