import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type FactorMeasurement, localizationSchema, PINNED_BASELINE_FACTOR, rankLocalization, verdictSchema } from '../src/index.js';

const factor = (id: string, values: number[], error?: string): FactorMeasurement => ({
  factor: id,
  label: `the ${id}`,
  howToPin: `pin ${id}`,
  values,
  ...(error ? { error } : {}),
});

describe('rankLocalization', () => {
  it('names the factor that moves the metric, ranked first, with how to pin it', () => {
    const result = rankLocalization({
      baselineValue: 0.5,
      replaysPerFactor: 2,
      factors: [factor(PINNED_BASELINE_FACTOR, [0.5]), factor('locale', [0.5, 0.5]), factor('hash_seed', [0.51, 0.49]), factor('threads_all', [0.5, 0.5000001])],
    });
    expect(result.culprit).toBe('hash_seed');
    expect(result.how_to_pin).toBe('pin hash_seed');
    expect(result.factors.map((f) => f.factor)).toEqual(['hash_seed', 'threads_all', PINNED_BASELINE_FACTOR, 'locale']);
    expect(result.factors[0]).toMatchObject({ moved: true, values: [0.51, 0.49] });
    expect(result.factors[0]!.max_delta).toBeCloseTo(0.01, 12);
    expect(result.sentence).toContain('hash_seed is the culprit');
    expect(result.sentence).toContain('Also moving: threads_all');
    expect(localizationSchema.parse(result)).toEqual(result);
  });

  it('blames the run itself when the repeated pinned baseline moves, whatever else moved more', () => {
    const result = rankLocalization({
      baselineValue: 1,
      replaysPerFactor: 3,
      factors: [factor(PINNED_BASELINE_FACTOR, [1, 1.000001]), factor('hash_seed', [1.1, 1, 1])],
    });
    expect(result.culprit).toBe(PINNED_BASELINE_FACTOR);
    expect(result.factors[0]!.factor).toBe('hash_seed');
    expect(result.sentence).toContain('non-deterministic under every pin');
  });

  it('says nothing moved, with no culprit, and mentions factors whose replays failed', () => {
    const result = rankLocalization({
      baselineValue: 2,
      replaysPerFactor: 2,
      factors: [factor('hash_seed', [2, 2]), factor('cpu_affinity', [], 'spawn_failed: could not start taskset')],
    });
    expect(result).toMatchObject({ culprit: null, how_to_pin: null });
    expect(result.sentence).toContain('No varied factor moves the metric');
    expect(result.sentence).toContain('cpu_affinity');
    expect(result.factors[1]).toMatchObject({ factor: 'cpu_affinity', moved: false, max_delta: 0, error: 'spawn_failed: could not start taskset' });
  });

  it('property: ranking is a permutation, moved first and max_delta non-increasing among moved', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer({ min: -3, max: 3 }), { maxLength: 4 }), { maxLength: 8 }), (lists) => {
        const factors = lists.map((values, i) => factor(`f${i}`, values.map((v) => v / 4)));
        const result = rankLocalization({ baselineValue: 0, replaysPerFactor: 4, factors });
        expect(result.factors.map((f) => f.factor).sort()).toEqual(factors.map((f) => f.factor).sort());
        for (let i = 1; i < result.factors.length; i += 1) {
          const [prev, cur] = [result.factors[i - 1]!, result.factors[i]!];
          expect(Number(prev.moved)).toBeGreaterThanOrEqual(Number(cur.moved));
          if (prev.moved && cur.moved) expect(prev.max_delta).toBeGreaterThanOrEqual(cur.max_delta);
        }
        const anyMoved = factors.some((f) => f.values.some((v) => v !== 0));
        expect(result.culprit === null).toBe(!anyMoved);
        if (anyMoved) expect(result.culprit).toBe(result.factors[0]!.factor);
      }),
    );
  });

  it('rejects duplicate ids, non-finite values and K < 1 naming the field', () => {
    expect(() => rankLocalization({ baselineValue: 0, replaysPerFactor: 1, factors: [factor('a', []), factor('a', [])] })).toThrowError(/factors\[1\]\.factor/);
    expect(() => rankLocalization({ baselineValue: 0, replaysPerFactor: 1, factors: [factor('a', [Number.NaN])] })).toThrowError(/factors\[0\]\.values\[0\]/);
    expect(() => rankLocalization({ baselineValue: 0, replaysPerFactor: 0, factors: [] })).toThrowError(/replaysPerFactor/);
  });

  it('the Verdict schema accepts an artefact with and without the localization field', () => {
    const localization = rankLocalization({ baselineValue: 0, replaysPerFactor: 2, factors: [factor('hash_seed', [1, 1])] });
    expect(verdictSchema.shape.localization.parse(localization)).toEqual(localization);
    expect(verdictSchema.shape.localization.parse(undefined)).toBeUndefined();
  });
});
