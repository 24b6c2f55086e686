import { describe, expect, it } from 'vitest';
import { caughtError } from '../test/caught-error.js';
import { jsonLines as lines, ledgerRecord, streamMixingReader } from '../test/rank-fixtures.js';
import { alignSteps } from './align-steps.js';
import { MetricsInputError } from './metrics-input-error.js';
import { MissingStepError } from './missing-metric-error.js';
import { parseLedgerDump, parseMetricsDump, parseStreamMixingDump } from './rank-dump.js';
import { reduceLedgerDumps, reduceMetricsDumps, reduceStreamMixingDumps } from './reduce-rank-dumps.js';

const inputError = (fn: () => unknown) => caughtError(fn, MetricsInputError);

describe('parseMetricsDump', () => {
  it('reads one {step, metrics} per line in step order, decoding the non-finite string tokens', () => {
    const dump = parseMetricsDump(`${lines({ step: 2, metrics: { a: 'NaN', b: '-Infinity' } }, { step: 1, metrics: { a: 1.5, b: 'Infinity' } })}\n\n`, 'r0.jsonl');
    expect(dump.entries.map((e) => [e.step, e.line])).toEqual([
      [1, 2],
      [2, 1],
    ]);
    expect(dump.entries[0]!.record).toEqual({ a: 1.5, b: Number.POSITIVE_INFINITY });
    expect(dump.entries[1]!.record.a).toBeNaN();
    expect(dump.entries[1]!.record.b).toBe(Number.NEGATIVE_INFINITY);
  });

  it.each([
    ['{"step": 1, "metrics": {"a": 1}}\n{"step": 2, "metrics": {"a": 1}', 2, 'not JSON'],
    ['{"step": 1, "metrics": {"a": NaN}}', 1, 'must be the strings "NaN"'],
    ['\n\n[1, 2]', 3, 'JSON object'],
    ['{"step": -1, "metrics": {}}', 1, '"step" must be an integer'],
    ['{"step": 1.5, "metrics": {}}', 1, '"step" must be an integer'],
    ['{"metrics": {}}', 1, '"step" must be an integer'],
    ['{"step": 1, "metrics": []}', 1, '"metrics" must be a JSON object'],
    ['{"step": 1, "metrics": {"a": "1"}}', 1, 'metrics["a"] must be a number'],
    ['{"step": 1, "metrics": {"a": null}}', 1, 'metrics["a"] must be a number'],
    ['{"step": 1, "metrics": {}, "rank": 0}', 1, 'unknown field "rank"'],
    ['{"step": 1, "metrics": {}}\n{"step": 1, "metrics": {}}', 2, 'step 1 already appeared on line 1'],
  ])('rejects %j at line %i (%s)', (text, line, what) => {
    const error = inputError(() => parseMetricsDump(text, 'ranks/r3.jsonl'));
    expect(error.file).toBe('ranks/r3.jsonl');
    expect(error.line).toBe(line);
    expect(error.message).toContain(`ranks/r3.jsonl:${line}: `);
    expect(error.message).toContain(what);
  });
});

describe('family dumps', () => {
  it('name the file, line and field of a malformed family record', () => {
    const text = lines({ step: 0, readers: [] }, { step: 1, readers: [streamMixingReader('a', 'text', 1, -1, null)] });
    const error = inputError(() => parseStreamMixingDump(text, 's.jsonl'));
    expect([error.file, error.line]).toEqual(['s.jsonl', 2]);
    expect(error.message).toContain('readers[0].picks');
    const ledger = inputError(() => parseLedgerDump('{"step": 0, "evictions": 1, "false_evictions": 0, "fresh_writes": 0}', 'l.jsonl'));
    expect(ledger.message).toMatch(/^l\.jsonl:1: not a ledger record: size/);
  });
});

describe('record consistency', () => {
  it.each([
    [{ step: 3, readers: [streamMixingReader('a', 'text', 1, 2, null)] }, 'readers[0].last_picked_step: reader "a" has 2 picks but was never picked'],
    [{ step: 3, readers: [streamMixingReader('a', 'text', 1, 0, 4)] }, 'readers[0].last_picked_step: reader "a" was last picked at step 4, after the record\'s step 3'],
  ])('a stream-mixing record that contradicts itself is rejected with file and line: %j', (record, message) => {
    const error = inputError(() => parseStreamMixingDump(lines({ step: 0, readers: [] }, record), 's.jsonl'));
    expect([error.file, error.line]).toEqual(['s.jsonl', 2]);
    expect(error.message).toContain(message);
  });

  it('a ledger record with more false evictions than fresh writes is rejected', () => {
    const error = inputError(() => parseLedgerDump(lines(ledgerRecord(0, 5, 3, 2)), 'l.jsonl'));
    expect(error.message).toBe('l.jsonl:1: not a ledger record: false_evictions: false_evictions must be ≤ fresh_writes (a false eviction is counted at a fresh write)');
  });

  it('tolerates a UTF-8 byte-order mark and CRLF line ends', () => {
    const dump = parseMetricsDump(`\uFEFF${lines({ step: 0, metrics: { a: 1 } }, { step: 1, metrics: { a: 2 } }).replace('\n', '\r\n')}\r\n`, 'w.jsonl');
    expect(dump.entries.map((e) => e.record.a)).toEqual([1, 2]);
  });
});

describe('multi-step reduction', () => {
  const r0 = parseMetricsDump(lines({ step: 1, metrics: { a: 1 } }, { step: 2, metrics: { a: 3 } }), 'r0.jsonl');
  const r1 = parseMetricsDump(lines({ step: 2, metrics: { a: 5 } }), 'r1.jsonl');

  it('a step some ranks lack follows the missing policy: error names the rank (file) and the step', () => {
    let error: unknown;
    try {
      reduceMetricsDumps([r0, r1], {});
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MissingStepError);
    expect(error).toMatchObject({ rank: 1, step: 1, rankLabel: 'r1.jsonl' });
    expect(String(error)).toContain('rank 1 (r1.jsonl) has no record for step 1');
  });

  it('zero counts the rank’s keys as 0 for that step; skip leaves the rank out', () => {
    expect(reduceMetricsDumps([r0, r1], { missing: 'zero' }).map((s) => [s.step, s.metrics.a])).toEqual([
      [1, (1 + 0) / 2],
      [2, (3 + 5) / 2],
    ]);
    expect(reduceMetricsDumps([r0, r1], { missing: 'skip' }).map((s) => [s.step, s.metrics.a])).toEqual([
      [1, 1],
      [2, (3 + 5) / 2],
    ]);
  });

  it('a missing key names the rank’s file and the step', () => {
    const r2 = parseMetricsDump(lines({ step: 1, metrics: {} }, { step: 2, metrics: { a: 1 } }), 'r2.jsonl');
    expect(() => reduceMetricsDumps([r0, r2], {})).toThrow('rank 1 (r2.jsonl) has no metric "a" at step 1');
  });

  it('reduces family dumps step by step', () => {
    const l0 = parseLedgerDump(lines(ledgerRecord(0, 4, 1), ledgerRecord(1, 2, 2)), 'l0');
    const l1 = parseLedgerDump(lines(ledgerRecord(0, 4, 0), ledgerRecord(1, 0, 0)), 'l1');
    expect(reduceLedgerDumps([l0, l1]).map((s) => [s.step, s.metrics['ledger/false_eviction_rate']])).toEqual([
      [0, (1 + 0) / (4 + 4)],
      [1, (2 + 0) / (2 + 0)],
    ]);
    const sm = (step: number, picks: number) => ({ step, readers: [streamMixingReader('a', 'text', 1, picks, picks > 0 ? step : null)] });
    const s0 = parseStreamMixingDump(lines(sm(0, 1), sm(1, 0)), 's0');
    const s1 = parseStreamMixingDump(lines(sm(0, 2)), 's1');
    expect(() => reduceStreamMixingDumps([s0, s1])).toThrow('rank 1 (s1) has no record for step 1');
    expect(reduceStreamMixingDumps([s0]).map((s) => s.metrics['stream_mixing/picks_total'])).toEqual([1, 0]);
  });

  it('alignSteps lists every step of any rank in step order', () => {
    expect(alignSteps([r0, r1], 'skip').map((s) => [s.step, s.records.map((r) => r?.a)])).toEqual([
      [1, [1, undefined]],
      [2, [3, 5]],
    ]);
  });
});
