import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runRepro } from '../../../test/run-cli-in-process.js';

const BIN = fileURLToPath(new URL('../../../bin/repro.cjs', import.meta.url));
let dir: string;

function write(name: string, lines: readonly unknown[] | string): string {
  const path = join(dir, name);
  writeFileSync(path, typeof lines === 'string' ? lines : `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
  return name;
}
const parseLines = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'repro-metrics-cli-'));
  write('r0.jsonl', [
    { step: 1, metrics: { loss: 1, tokens: 10, hits: 1, lookups: 1 } },
    { step: 2, metrics: { loss: 'NaN', tokens: 30, hits: 0, lookups: 0 } },
  ]);
  write('r1.jsonl', [
    { step: 2, metrics: { loss: 4, tokens: 20, hits: 0, lookups: 0 } },
    { step: 1, metrics: { loss: 3, tokens: 20, hits: 0, lookups: 99 } },
  ]);
  writeFileSync(
    join(dir, 'spec.json'),
    JSON.stringify({
      missing: 'error',
      non_finite: 'drop',
      keys: {
        tokens: { op: 'sum', max_sibling: true },
        'hit*': { op: 'sum' },
        lookups: { op: 'sum' },
        hit_rate: { derive: 'ratio', numerator: 'hits', denominator: 'lookups' },
      },
    }),
  );
});

const run = (argv: string[]) => runRepro(['metrics', 'reduce', ...argv], { cwd: dir });

describe('repro metrics reduce', () => {
  it('prints no event unasked; --json prints the steps as one JSON array', async () => {
    const plain = await run(['--spec', 'spec.json', 'r0.jsonl', 'r1.jsonl']);
    expect(plain.code).toBe(0);
    expect(plain.stderr).toBe('');
    const json = await run(['--spec', 'spec.json', 'r0.jsonl', 'r1.jsonl', '--json']);
    expect(JSON.parse(json.stdout)).toEqual(parseLines(plain.stdout));
  });

  it('prints one {"step", "metrics"} line per step in step order, reduced by the spec', async () => {
    const out = await run(['--spec', 'spec.json', 'r0.jsonl', 'r1.jsonl', '--events']);
    expect(out.code).toBe(0);
    const steps = parseLines(out.stdout);
    expect(steps.map((s) => s.step)).toEqual([1, 2]);
    expect(steps[0]).toEqual({
      step: 1,
      metrics: { hit_rate: (1 + 0) / (1 + 99), hits: 1, lookups: 100, loss: (1 + 3) / 2, tokens: 30, tokens_max: 20 },
    });
    // Step 2: rank 0's NaN loss is dropped (mean over the one finite rank); 0/0 hit_rate is omitted.
    expect(steps[1]).toEqual({ step: 2, metrics: { hits: 0, lookups: 0, loss: 4, tokens: 50, tokens_max: 30 } });
    const events = parseLines(out.stderr);
    expect(events).toEqual([
      { level: 'warn', time: expect.any(String), event: 'metrics_non_finite_dropped', severity: 'warning', step: 2, dropped: 1, keys: { loss: 1 } },
      { level: 'info', time: expect.any(String), event: 'metrics_keys_omitted', severity: 'info', step: 2, omitted: [{ key: 'hit_rate', reason: 'zero_denominator' }] },
    ]);
  });

  it('--log-format logfmt renders the same events as logfmt lines on stderr', async () => {
    const out = await runRepro(['--events', '--log-format', 'logfmt', 'metrics', 'reduce', '--spec', 'spec.json', 'r0.jsonl', 'r1.jsonl'], { cwd: dir });
    expect(out.code).toBe(0);
    const lines = out.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^time=\S+ level=warn event=metrics_non_finite_dropped severity=warning step=2 dropped=1 keys=/);
    expect(lines[1]).toMatch(/^time=\S+ level=info event=metrics_keys_omitted severity=info step=2 omitted=/);
  });

  it('reduces with the spec file of the issue, verbatim', async () => {
    writeFileSync(
      join(dir, 'issue-spec.json'),
      `{ "missing": "error", "non_finite": "propagate",
  "keys": { "loss": {"op": "mean"}, "tokens": {"op": "sum", "max_sibling": true},
            "loss_w": {"op": "weighted_mean", "weight": "tokens"},
            "stream_mixing/picks/*": {"op": "sum"},
            "hit_rate": {"derive": "ratio", "numerator": "hits", "denominator": "lookups"} } }
`,
    );
    const rank = (loss: number, lossW: number, tokens: number, web: number, hits: number, lookups: number) => ({
      step: 7,
      metrics: { loss, loss_w: lossW, tokens, 'stream_mixing/picks/web': web, hits, lookups },
    });
    write('i0.jsonl', [rank(2.5, 2.4, 1000, 3, 90, 100)]);
    write('i1.jsonl', [rank(3.5, 3.6, 3000, 1, 10, 900)]);
    const out = await run(['--spec', 'issue-spec.json', 'i0.jsonl', 'i1.jsonl']);
    expect(out.code).toBe(0);
    expect(out.stdout).toBe(
      `${JSON.stringify({
        step: 7,
        metrics: { hit_rate: 0.1, hits: 50, lookups: 500, loss: 3, loss_w: 3.3, 'stream_mixing/picks/web': 4, tokens: 4000, tokens_max: 3000 },
      })}\n`,
    );
  });

  it('a step some ranks lack follows the spec’s missing policy: zero counts the rank as 0, skip leaves it out', async () => {
    write('m0.jsonl', [{ step: 1, metrics: { a: 4 } }, { step: 2, metrics: { a: 6 } }]);
    write('m1.jsonl', [{ step: 2, metrics: { a: 2 } }]);
    writeFileSync(join(dir, 'zero.json'), JSON.stringify({ missing: 'zero' }));
    writeFileSync(join(dir, 'skip.json'), JSON.stringify({ missing: 'skip' }));
    const zero = await run(['--spec', 'zero.json', 'm0.jsonl', 'm1.jsonl']);
    expect(parseLines(zero.stdout)).toEqual([
      { step: 1, metrics: { a: (4 + 0) / 2 } },
      { step: 2, metrics: { a: (6 + 2) / 2 } },
    ]);
    const skip = await run(['--spec', 'skip.json', 'm0.jsonl', 'm1.jsonl']);
    expect(parseLines(skip.stdout)).toEqual([
      { step: 1, metrics: { a: 4 } },
      { step: 2, metrics: { a: (6 + 2) / 2 } },
    ]);
  });

  it('reads a rank file from stdin (-), once', async () => {
    const out = await runRepro(['metrics', 'reduce', '--spec', 'spec.json', 'r0.jsonl', '-'], { cwd: dir, stdin: readFileSync(join(dir, 'r1.jsonl'), 'utf8') });
    expect(out.code).toBe(0);
    expect(parseLines(out.stdout).map((s) => s.metrics.tokens)).toEqual([30, 50]);
    const twice = await runRepro(['metrics', 'reduce', '-', '-'], { cwd: dir, stdin: '' });
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('stdin (-) can be read only once');
    const bad = await runRepro(['metrics', 'reduce', '-'], { cwd: dir, stdin: '{"step": 1, "metrics": {"a": "x"}}\n' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('stdin:1: metrics["a"] must be a number');
  });

  it('without --spec reduces every key by mean and propagates NaN as the string "NaN"', async () => {
    const out = await run(['r0.jsonl', 'r1.jsonl']);
    expect(out.code).toBe(0);
    expect(parseLines(out.stdout)[1]).toEqual({ step: 2, metrics: { hits: 0, lookups: 0, loss: 'NaN', tokens: 25 } });
  });

  it('--format prometheus prints only the last step', async () => {
    const out = await run(['--spec', 'spec.json', '--format', 'prometheus', 'r0.jsonl', 'r1.jsonl']);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('# HELP tokens tokens (step 2)\n# TYPE tokens gauge\ntokens 50\n');
    expect(out.stdout).not.toContain('(step 1)');
    expect(out.stdout).not.toContain('hit_rate'); // omitted at step 2 (0/0)
  });

  it('--format prometheus prints the exposition of the last step with sanitized names', async () => {
    write('p0.jsonl', [{ step: 5, metrics: { 'stream_mixing/picks/web': 2, 'a:b': 'Infinity' } }]);
    const out = await run(['--format', 'prometheus', 'p0.jsonl']);
    expect(out.code).toBe(0);
    expect(out.stdout).toBe(
      '# HELP a_b a:b (step 5)\n# TYPE a_b gauge\na_b +Inf\n# HELP stream_mixing_picks_web stream_mixing/picks/web (step 5)\n# TYPE stream_mixing_picks_web gauge\nstream_mixing_picks_web 2\n',
    );
  });

  it('malformed input exits 2 naming the file and the line', async () => {
    write('bad.jsonl', '{"step": 1, "metrics": {"loss": 1}}\n{"step": 2, "metrics": {"loss": NaN}}\n');
    const out = await run(['r0.jsonl', 'bad.jsonl']);
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toMatch(/^repro: bad\.jsonl:2: not JSON/);
    write('bad-value.jsonl', [{ step: 1, metrics: { loss: 1 } }, { step: 2, metrics: {} }, { step: 3, metrics: { loss: true } }]);
    const value = await run(['bad-value.jsonl']);
    expect(value.code).toBe(2);
    expect(value.stderr).toContain('bad-value.jsonl:3: metrics["loss"] must be a number');
  });

  it('a step present on some ranks only is a missing-policy error naming the rank and the step (exit 2)', async () => {
    write('short.jsonl', [{ step: 1, metrics: { loss: 1, tokens: 1, hits: 0, lookups: 1 } }]);
    const out = await run(['--spec', 'spec.json', 'r0.jsonl', 'short.jsonl']);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('rank 1 (short.jsonl) has no record for step 2');
  });

  it('a key missing on one rank names the rank, key and step (exit 2)', async () => {
    write('nokey.jsonl', [{ step: 1, metrics: { tokens: 1 } }]);
    write('key.jsonl', [{ step: 1, metrics: { tokens: 1, loss: 2 } }]);
    const out = await run(['key.jsonl', 'nokey.jsonl']);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('rank 1 (nokey.jsonl) has no metric "loss" at step 1');
  });

  it('an invalid spec exits 2 naming the spec file and field; --spec with --family is a usage error', async () => {
    writeFileSync(join(dir, 'bad-spec.json'), JSON.stringify({ keys: { w: { op: 'weighted_mean' } } }));
    const out = await run(['--spec', 'bad-spec.json', 'r0.jsonl']);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('bad-spec.json: keys["w"].weight: weighted_mean needs a "weight" key');
    const both = await run(['--spec', 'spec.json', '--family', 'ledger', 'r0.jsonl']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('exclusive');
    expect((await run(['--family', 'nope', 'r0.jsonl'])).code).toBe(2);
    expect((await run(['missing-file.jsonl'])).code).toBe(2);
  });

  it('--family ledger sums the counters with _max siblings and derives false_eviction_rate', async () => {
    write('l0.jsonl', [{ step: 0, evictions: 4, false_evictions: 1, fresh_writes: 3, size: 10 }]);
    write('l1.jsonl', [{ step: 0, evictions: 6, false_evictions: 3, fresh_writes: 5, size: 12 }]);
    const out = await run(['--family', 'ledger', 'l0.jsonl', 'l1.jsonl']);
    expect(out.code).toBe(0);
    expect(parseLines(out.stdout)).toEqual([
      {
        step: 0,
        metrics: {
          'ledger/evictions': 10,
          'ledger/evictions_max': 6,
          'ledger/false_eviction_rate': (1 + 3) / (4 + 6),
          'ledger/false_evictions': 4,
          'ledger/false_evictions_max': 3,
          'ledger/fresh_writes': 3 + 5,
          'ledger/fresh_writes_max': 5,
          'ledger/size': 22,
          'ledger/size_max': 12,
        },
      },
    ]);
  });

  it('--family stream-mixing reduces the family records; a malformed record names file and line', async () => {
    const reader = (name: string, modality: string, picks: number) => ({ name, modality, target_weight: 1, picks, last_picked_step: picks > 0 ? 4 : null });
    write('s0.jsonl', [{ step: 4, readers: [reader('web', 'text', 3), reader('img', 'image', 1)] }]);
    write('s1.jsonl', [{ step: 4, readers: [reader('web', 'text', 0), reader('img', 'image', 0)] }]);
    const out = await run(['--family', 'stream-mixing', 's0.jsonl', 's1.jsonl']);
    expect(out.code).toBe(0);
    const [step] = parseLines(out.stdout);
    expect(step.metrics['stream_mixing/picks_total']).toBe(4);
    expect(step.metrics['stream_mixing/realized_frac/text']).toBe(3 / 4);
    expect(step.metrics['stream_mixing/max_staleness']).toBe(4 + 1);
    expect(step.metrics['stream_mixing/target_l1']).toBe(Math.abs(3 / 4 - 1 / 2) + Math.abs(1 / 4 - 1 / 2));
    write('s-bad.jsonl', [{ step: 4, readers: [] }, { step: 5, readers: [{ name: 'x' }] }]);
    const bad = await run(['--family', 'stream-mixing', 's-bad.jsonl']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('s-bad.jsonl:2: not a stream-mixing record: readers[0].modality');
    write('s-future.jsonl', [{ step: 4, readers: [reader('web', 'text', 0)].map((r) => ({ ...r, last_picked_step: 9 })) }]);
    const future = await run(['--family', 'stream-mixing', 's-future.jsonl']);
    expect(future.code).toBe(2);
    expect(future.stderr).toContain('s-future.jsonl:1: not a stream-mixing record: readers[0].last_picked_step: reader "web" was last picked at step 9');
  });

  it('--family stream-mixing reports the keys it leaves out (no picks at all) on stderr', async () => {
    write('s-idle.jsonl', [{ step: 2, readers: [{ name: 'web', modality: 'text', target_weight: 1, picks: 0, last_picked_step: null }] }]);
    const out = await run(['--family', 'stream-mixing', 's-idle.jsonl', '--events']);
    expect(out.code).toBe(0);
    expect(parseLines(out.stdout)[0].metrics).toEqual({
      'stream_mixing/active_readers': 0,
      'stream_mixing/max_staleness': 3,
      'stream_mixing/picks_total': 0,
      'stream_mixing/starved_readers': 1,
    });
    expect(parseLines(out.stderr)).toEqual([
      expect.objectContaining({
        event: 'metrics_keys_omitted',
        step: 2,
        omitted: [
          { key: 'stream_mixing/entropy', reason: 'zero_denominator' },
          { key: 'stream_mixing/realized_frac/text', reason: 'zero_denominator' },
          { key: 'stream_mixing/target_l1', reason: 'zero_denominator' },
        ],
      }),
    ]);
  });

  it('--family ledger rejects a record with more false evictions than fresh writes (exit 2, file:line)', async () => {
    write('l-bad.jsonl', [{ step: 0, evictions: 4, false_evictions: 2, fresh_writes: 1, size: 10 }]);
    const out = await run(['--family', 'ledger', 'l-bad.jsonl']);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('l-bad.jsonl:1: not a ledger record: false_evictions: false_evictions must be ≤ fresh_writes');
  });

  it('the built bin reduces files and exits 2 with file:line on malformed input', () => {
    if (!existsSync(fileURLToPath(new URL('../../../dist/main.cjs', import.meta.url)))) throw new Error('build the CLI first: pnpm --filter @repro/cli build');
    const ok = spawnSync(process.execPath, [BIN, 'metrics', 'reduce', '--spec', 'spec.json', 'r0.jsonl', 'r1.jsonl'], { cwd: dir, encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(parseLines(ok.stdout).map((s) => s.metrics.tokens)).toEqual([30, 50]);
    write('bin-bad.jsonl', '{"step": 1, "metrics": {"loss": 1}}\n\n{"step": "x", "metrics": {}}\n');
    const bad = spawnSync(process.execPath, [BIN, 'metrics', 'reduce', 'bin-bad.jsonl'], { cwd: dir, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('bin-bad.jsonl:3: "step" must be an integer');
  });
});
