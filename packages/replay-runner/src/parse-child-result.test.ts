import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseChildResult } from './parse-child-result.js';
import { parseJsonWithNonFinite } from './parse-json-with-non-finite.js';

const knobs = { PYTHONHASHSEED: '0', OMP_NUM_THREADS: '1' };
const fingerprint = { build_sha: 'abc', observed_knobs: { PYTHONHASHSEED: '0', OMP_NUM_THREADS: '1' } };
const parse = (value: unknown, requiredMetrics?: string[]) =>
  parseChildResult(typeof value === 'string' ? value : JSON.stringify(value), { requestedKnobs: knobs, ...(requiredMetrics ? { requiredMetrics } : {}) });

describe('parseChildResult', () => {
  it('a well-formed, pinned, finite result is ok and keeps the fingerprint audit fields', () => {
    const result = parse({ metrics: { f1_buy: 0.61 }, fingerprint: { ...fingerprint, libc: { name: 'glibc' } } });
    expect(result.ok && result.metrics).toEqual({ f1_buy: 0.61 });
    expect(result.ok && result.fingerprint.libc).toEqual({ name: 'glibc' });
  });

  it('schema violations are bad_result with the JSON path', () => {
    const noFingerprint = parse({ metrics: { f1_buy: 1 } });
    expect(!noFingerprint.ok && noFingerprint.error).toMatchObject({ kind: 'bad_result', path: 'fingerprint' });
    const stringMetric = parse({ metrics: { f1_buy: '0.6' }, fingerprint });
    expect(!stringMetric.ok && stringMetric.error).toMatchObject({ kind: 'bad_result', path: 'metrics.f1_buy' });
    const badKnob = parse({ metrics: {}, fingerprint: { observed_knobs: { OMP_NUM_THREADS: 1 } } });
    expect(!badKnob.ok && badKnob.error).toMatchObject({ kind: 'bad_result', path: 'fingerprint.observed_knobs.OMP_NUM_THREADS' });
    expect(parseChildResult(null, { requestedKnobs: knobs })).toMatchObject({ ok: false, error: { kind: 'bad_result', path: 'file' } });
  });

  it('the "NaN" / "Infinity" / "-Infinity" strings and bare literals are all non_finite_metric', () => {
    for (const text of [
      '{"metrics": {"m": "NaN"}, "fingerprint": FP}',
      '{"metrics": {"m": NaN}, "fingerprint": FP}',
      '{"metrics": {"m": -Infinity}, "fingerprint": FP}',
      '{"metrics": {"m": 1e999}, "fingerprint": FP}',
    ]) {
      const result = parse(text.replace('FP', JSON.stringify(fingerprint)));
      expect(!result.ok && result.error).toMatchObject({ kind: 'non_finite_metric', metrics: ['m'] });
    }
  });

  it('pin_mismatch is reported before non_finite_metric, with every mismatching knob', () => {
    const result = parse({ metrics: { m: 'NaN' }, fingerprint: { observed_knobs: { PYTHONHASHSEED: '3', OMP_NUM_THREADS: null } } });
    expect(!result.ok && result.error.kind).toBe('pin_mismatch');
    expect(!result.ok && result.error.mismatches).toEqual([
      { knob: 'PYTHONHASHSEED', requested: '0', observed: '3' },
      { knob: 'OMP_NUM_THREADS', requested: '1', observed: null },
    ]);
  });
});

describe('parseJsonWithNonFinite', () => {
  it('leaves NaN/Infinity inside strings and keys untouched (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.double({ noNaN: true, noDefaultInfinity: true }))), (obj) => {
        const text = JSON.stringify({ ...obj, NaN: 'Infinity -Infinity NaN' });
        expect(parseJsonWithNonFinite(text)).toEqual(JSON.parse(text));
      }),
    );
  });

  it('turns bare literals into tokens, and still rejects non-JSON', () => {
    expect(parseJsonWithNonFinite('[NaN, Infinity, -Infinity, "NaN"]')).toEqual(['NaN', 'Infinity', '-Infinity', 'NaN']);
    expect(() => parseJsonWithNonFinite('{NaNa: 1}')).toThrow(SyntaxError);
    expect(() => parseJsonWithNonFinite('f1: 0.5')).toThrow(SyntaxError);
  });
});
