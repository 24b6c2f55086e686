import { describe, expect, it } from 'vitest';
import { MetricKeyError } from './metric-key-error.js';
import { formatPrometheus, prometheusMetricName } from './prometheus-exposition.js';
import { formatStepJsonLine } from './step-json-line.js';

describe('JSON Lines output', () => {
  it('writes keys in the given order (even integer-like ones) and non-finite values as strings', () => {
    const result = { keys: ['b', '10', 'a/x'], metrics: { b: Number.NaN, '10': Number.POSITIVE_INFINITY, 'a/x': -0.5 } };
    const line = formatStepJsonLine(3, result);
    expect(line).toBe('{"step":3,"metrics":{"b":"NaN","10":"Infinity","a/x":-0.5}}');
    expect(JSON.parse(line)).toEqual({ step: 3, metrics: { b: 'NaN', '10': 'Infinity', 'a/x': -0.5 } });
  });
});

describe('Prometheus exposition', () => {
  it.each([
    ['stream_mixing/realized_frac/text', 'stream_mixing_realized_frac_text'],
    ['ledger/evictions_max', 'ledger_evictions_max'],
    ['loss', 'loss'],
    ['a:b-c.d e', 'a_b_c_d_e'],
    ['2nd/loss', '_2nd_loss'],
    ['', '_'],
  ])('maps %j to the metric name %j', (key, name) => {
    expect(prometheusMetricName(key)).toBe(name);
    expect(name).toMatch(/^[a-zA-Z_][a-zA-Z0-9_]*$/);
  });

  it('prints HELP (original key and step), TYPE gauge and the sample; non-finite as NaN/+Inf/-Inf', () => {
    const text = formatPrometheus({ keys: ['a/b', 'c', 'd'], metrics: { 'a/b': 0.25, c: Number.NaN, d: Number.NEGATIVE_INFINITY } }, 7);
    expect(text).toBe(
      [
        '# HELP a_b a/b (step 7)',
        '# TYPE a_b gauge',
        'a_b 0.25',
        '# HELP c c (step 7)',
        '# TYPE c gauge',
        'c NaN',
        '# HELP d d (step 7)',
        '# TYPE d gauge',
        'd -Inf',
        '',
      ].join('\n'),
    );
    expect(formatPrometheus({ keys: ['x'], metrics: { x: Number.POSITIVE_INFINITY } })).toContain('x +Inf\n');
  });

  it('refuses two keys that sanitize to the same name', () => {
    expect(() => formatPrometheus({ keys: ['a/b', 'a_b'], metrics: { 'a/b': 1, a_b: 2 } })).toThrow(MetricKeyError);
  });
});
