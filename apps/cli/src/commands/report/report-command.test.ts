import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assessObservation, explainVerdict, type ObservationInput, observationSchema, type Verdict } from '@repro/verdict-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRepro } from '../../../test/run-cli-in-process.js';
import { scratchDir } from '../../../test/scratch-dir.js';
import { cliStoreBackends } from '../../../test/store-backends.js';
import { openerFor } from './open-in-browser.js';
import { parseSince } from './parse-since.js';

const P0 = { build_sha: 'a1b2c3d', instance_type: 'm5.2xlarge', os: 'linux', lib_versions: { numpy: '1.26.4' } };
const BASE: ObservationInput = {
  cell: 'defi_top5/fold-3',
  metric: 'f1_buy',
  replay_a: { value: 0.6103, fingerprint: P0 },
  replay_b: { value: 0.6103 },
  canonical: { run_id: 'canonical-1', value: 0.6101, provenance: P0 },
  eps_prod: { value: 0.004, image_sha: 'sha256:image-1' },
};
const decide = (overrides: Partial<ObservationInput>, decidedAt = '2026-11-23T10:00:00Z'): Verdict =>
  assessObservation(observationSchema.parse({ ...BASE, ...overrides }), { decidedAt }).verdict;

const decode = (text: string) => text.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const field = (html: string, name: string) => {
  const shown = new RegExp(`data-field="${name.replace(/[.[\]]/g, '\\$&')}">([^<]*)<`).exec(html)?.[1];
  return shown === undefined ? undefined : decode(shown);
};

describe('repro report --verdict', () => {
  const scratch = scratchDir('repro-report');
  const verdict = decide({ canonical: { run_id: 'canonical-1', value: 0.652, provenance: P0 } });
  const artefact = scratch.file('verdict.json', verdict);

  it('writes one self-contained page with the verdict, its explanation and its exact numbers, and prints its path', async () => {
    const out = join(scratch.dir, 'report.html');
    const run = await runRepro(['report', '--verdict', artefact, '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe(`report: ${out}\n`);
    const html = readFileSync(out, 'utf8');
    expect(field(html, 'verdict')).toBe('CANONICAL_DIVERGENCE');
    expect(field(html, 'canon_delta')).toBe(String(verdict.canon_delta));
    expect(field(html, 'explanation')).toBe(explainVerdict(verdict));
    expect(html).not.toContain('production runs</text>');
    const fromStdin = await runRepro(['report', '--verdict', '-', '--out', join(scratch.dir, 'stdin.html')], { stdin: JSON.stringify(verdict) });
    expect(fromStdin.code, fromStdin.stderr).toBe(0);
    expect(readFileSync(join(scratch.dir, 'stdin.html'), 'utf8')).toBe(html);
  });

  it('draws the production runs from --envelope: a JSON array, or the JSON of repro envelope show', async () => {
    const samples = [0.6101, 0.6112, 0.6094, 0.6107, 0.6118, 0.6089, 0.6103, 0.6115, 0.6097, 0.6109];
    for (const content of [samples, { image_sha: 'sha256:image-1', status: 'measured', eps_prod: 0.004, samples }]) {
      const out = join(scratch.dir, 'with-envelope.html');
      const run = await runRepro(['report', '--verdict', artefact, '--envelope', scratch.file('envelope.json', content), '--out', out]);
      expect(run.code, run.stderr).toBe(0);
      const html = readFileSync(out, 'utf8');
      expect(field(html, 'envelope.n')).toBe('10');
      expect(html).toContain('production runs</text>');
    }
  });

  it('rejects a file that is not a verdict artefact, naming the file and the field (exit 2)', async () => {
    const bad = scratch.file('bad.json', { ...verdict, det_delta: 'small' });
    const run = await runRepro(['report', '--verdict', bad, '--out', join(scratch.dir, 'x.html')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`--verdict ${bad}: artefact.det_delta: `);
    const envelope = await runRepro(['report', '--verdict', artefact, '--envelope', scratch.file('env.json', ['x']), '--out', join(scratch.dir, 'x.html')]);
    expect(envelope.code).toBe(2);
    expect(envelope.stderr).toMatch(/--envelope .*env\.json: envelope\.samples\[0\]: /);
    const notJson = await runRepro(['report', '--verdict', scratch.file('nope.json', '{'), '--out', join(scratch.dir, 'x.html')]);
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toContain('not JSON');
  });

  it('takes exactly one of --verdict and --cell, and the flags that go with each', async () => {
    const out = join(scratch.dir, 'x.html');
    const cases: [string[], string][] = [
      [['--out', out], 'give either --verdict ARTEFACT.json or --cell C (exactly one)'],
      [['--verdict', artefact, '--cell', 'c', '--out', out], 'exactly one'],
      [['--verdict', artefact, '--metric', 'm', '--out', out], '--metric goes with --cell, not --verdict'],
      [['--verdict', artefact, '--since', '30d', '--out', out], '--since goes with --cell, not --verdict'],
      [['--cell', 'c', '--envelope', artefact, '--out', out], '--envelope goes with --verdict, not --cell'],
      [['--cell', 'c', '--since', 'last week', '--out', out], '--since: expected a date'],
    ];
    for (const [flags, message] of cases) {
      const run = await runRepro(['report', ...flags]);
      expect(run.code, flags.join(' ')).toBe(2);
      expect(run.stderr).toContain(message);
    }
    expect((await runRepro(['report', '--verdict', artefact])).stderr).toContain("required option '--out <file>' not specified");
  });
});

const backends = await cliStoreBackends();
afterAll(async () => {
  for (const backend of backends) await backend.close();
});

describe.each(backends)('repro report --cell on $name', (backend) => {
  const scratch = scratchDir(`repro-report-${backend.name}`);
  let env: Record<string, string>;
  const verdicts = [
    decide({}, '2026-11-02T10:00:00Z'),
    decide({ replay_b: { value: 0.6042 } }, '2026-11-09T10:00:00Z'),
    decide({ eps_prod: { value: 0.003, image_sha: 'sha256:image-2' } }, '2026-11-16T10:00:00Z'),
  ];
  beforeAll(async () => {
    const schema = await backend.newSchema();
    env = backend.env(schema);
    const store = await backend.openStore(schema);
    try {
      await store.migrate();
      await store.recordCanonical({ run_id: 'canonical-1', cell: BASE.cell, metric: BASE.metric, value: 0.6101, recorded_at: '2026-11-01T08:00:00Z', provenance: P0 }, { promote: true });
      for (const [image, eps] of [['sha256:image-1', 0.004], ['sha256:image-2', 0.003]] as const) {
        await store.putEpsProd({ image_sha: image, cell: BASE.cell, metric: BASE.metric, status: 'measured', eps_prod: eps, reason: null, n: 10, method: 'pairwise-normal', coverage: 0.95, confidence: 0.95, mean: 0.61, sd: 0.001, samples: [0.61, 0.611, 0.609, 0.6105, 0.6095, 0.6102, 0.6098, 0.6101, 0.6099, 0.6103] });
      }
      for (const v of verdicts) await store.saveVerdict(v);
      await store.saveVerdict(decide({ metric: 'f1_sell' }, '2026-11-03T10:00:00Z'));
      await store.saveVerdict(decide({ cell: 'other/cell' }, '2026-11-03T10:00:00Z'));
    } finally {
      await store.close();
    }
  });

  it('reports the cell’s verdicts, canonical promotions and eps_prod per image from the store', async () => {
    const out = join(scratch.dir, 'history.html');
    const run = await runRepro(['report', '--cell', BASE.cell, '--metric', BASE.metric, '--out', out], { env });
    expect(run.code, run.stderr).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(field(html, 'verdict-count')).toBe('3');
    expect(field(html, 'canonical-count')).toBe('1');
    expect(field(html, 'image-count')).toBe('2');
    expect(field(html, 'verdicts[0].verdict')).toBe('FIDELITY_OK');
    expect(field(html, 'verdicts[1].verdict')).toBe('NON_DETERMINISTIC');
    expect(field(html, 'verdicts[2].epsilon')).toBe(String(verdicts[0]!.epsilon));
    // the store stamps the promotion when it happens (this test's run), after the image change of 2026-11-16
    expect([...html.matchAll(/<li data-marker="([a-z_]+)">/g)].map((m) => m[1])).toEqual(['image_change', 'promotion']);
  });

  it('keeps verdicts from --since on, and picks the metric itself only when the cell has one', async () => {
    const out = join(scratch.dir, 'since.html');
    const since = await runRepro(['report', '--cell', BASE.cell, '--metric', BASE.metric, '--since', '2026-11-05', '--out', out], { env });
    expect(since.code, since.stderr).toBe(0);
    expect(field(readFileSync(out, 'utf8'), 'verdict-count')).toBe('2');
    const two = await runRepro(['report', '--cell', BASE.cell, '--out', out], { env });
    expect(two.code).toBe(2);
    expect(two.stderr).toContain('verdicts are stored for 2 metrics (f1_buy, f1_sell); pick one with --metric');
    const one = await runRepro(['report', '--cell', 'other/cell', '--out', out], { env });
    expect(one.code, one.stderr).toBe(0);
    expect(field(readFileSync(out, 'utf8'), 'metric')).toBe('f1_buy');
    const none = await runRepro(['report', '--cell', 'no/such/cell', '--out', out], { env });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no verdict is stored for this cell; pass --metric');
  });
});

describe('report flags', () => {
  it('--since takes a date, a date-time with offset, or an age before now', () => {
    const now = new Date('2026-12-04T12:00:00Z');
    expect(parseSince('2026-11-01', now).toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(parseSince('2026-11-01T08:30:00+01:00', now).toISOString()).toBe('2026-11-01T07:30:00.000Z');
    expect(parseSince('36h', now).toISOString()).toBe('2026-12-03T00:00:00.000Z');
    expect(parseSince('30d', now).toISOString()).toBe('2026-11-04T12:00:00.000Z');
    expect(parseSince('2w', now).toISOString()).toBe('2026-11-20T12:00:00.000Z');
    for (const bad of ['yesterday', '2026-13-01', '2026-11-01T08:00:00', '30', '-3d']) expect(() => parseSince(bad, now), bad).toThrow(/--since: expected/);
  });

  it('--open uses xdg-open on Linux and open on macOS (never run in tests)', () => {
    expect(openerFor('linux')).toEqual({ command: 'xdg-open', args: [] });
    expect(openerFor('darwin')).toEqual({ command: 'open', args: [] });
  });
});
