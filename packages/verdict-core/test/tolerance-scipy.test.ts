import { needPython } from '@repro/test-services';
import { describe, expect, it } from 'vitest';
import { MAX_TOLERANCE_N, measureProdEnvelope, normalToleranceFactor, VerdictInputError } from '../src/index.js';

// Compared live against scipy in the same run: the reference is scipy.stats.nct / chi2 / norm.
const scipy = needPython(['numpy', 'scipy']);

const SIZES = [2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40, 50, 75, 100, 150, 200, 300, 500, 750, 1000];
const PROBABILITIES = [0.8, 0.85, 0.9, 0.95, 0.975, 0.99, 0.995, 0.999];

const K_FACTOR_SCRIPT = `
import json, sys
import numpy as np
from scipy import stats
grid = json.load(sys.stdin)
print(json.dumps([float(stats.nct.ppf(g, n - 1, stats.norm.ppf(p) * np.sqrt(n)) / np.sqrt(n)) for n, p, g in grid]))
`;

const ENVELOPE_SCRIPT = `
import json, sys
import numpy as np
from scipy import stats
cases = json.load(sys.stdin)
out = []
for c in cases:
    x = np.array(c["samples"]); n = len(x); p = c["coverage"]; g = c["confidence"]
    s = x.std(ddof=1)
    out.append(float(np.sqrt(2) * stats.norm.ppf((1 + p) / 2) * s * np.sqrt((n - 1) / stats.chi2.ppf(1 - g, n - 1))))
print(json.dumps(out))
`;

describe.skipIf(scipy === null)('tolerance math agrees with scipy', () => {
  it('normalToleranceFactor is within 1e-6 relative of scipy.stats.nct over n = 2…1000, p, γ ∈ [0.80, 0.999]', () => {
    const grid: [number, number, number][] = [];
    for (const n of SIZES) for (const p of PROBABILITIES) for (const g of PROBABILITIES) grid.push([n, p, g]);
    const reference = scipy!.runJson<number[]>(K_FACTOR_SCRIPT, grid);
    const failures: string[] = [];
    let worst = 0;
    grid.forEach(([n, p, g], i) => {
      const ours = normalToleranceFactor(n, p, g);
      const relative = Math.abs(ours - reference[i]!) / Math.abs(reference[i]!);
      worst = Math.max(worst, relative);
      if (!(relative <= 1e-6)) failures.push(`n=${n} p=${p} γ=${g}: ours ${ours}, scipy ${reference[i]} (rel ${relative.toExponential(2)})`);
    });
    expect(failures).toEqual([]);
    expect(grid.length).toBe(SIZES.length * PROBABILITIES.length ** 2);
    expect(worst).toBeLessThan(1e-6);
  });

  it('large n up to MAX_TOLERANCE_N agrees with scipy to 1e-11 relative; beyond it n is refused, never answered inexactly', () => {
    const grid: [number, number, number][] = [];
    for (const n of [10_000, 100_000, MAX_TOLERANCE_N]) for (const p of [0.8, 0.95, 0.999]) for (const g of [0.8, 0.95, 0.999]) grid.push([n, p, g]);
    const reference = scipy!.runJson<number[]>(K_FACTOR_SCRIPT, grid);
    grid.forEach(([n, p, g], i) => {
      const relative = Math.abs(normalToleranceFactor(n, p, g) - reference[i]!) / reference[i]!;
      expect(relative, `n=${n} p=${p} γ=${g}`).toBeLessThan(1e-11);
    });
    for (const n of [MAX_TOLERANCE_N + 1, 1e18, 1e300]) {
      expect(() => normalToleranceFactor(n, 0.95, 0.95)).toThrow(VerdictInputError);
      expect(() => normalToleranceFactor(n, 0.95, 0.95)).toThrow(/from 2 to 1000000/);
    }
  });

  it('samples near the limits of float64: the SD is still computed (scaled), and a bound that overflows is unmeasured, never Infinity', () => {
    const wide = Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? 1 : -1) * 1e200 * (1 + i / 100));
    const [reference] = scipy!.runJson<number[]>(ENVELOPE_SCRIPT, [{ samples: wide.map((x) => x / 1e200), coverage: 0.95, confidence: 0.95 }]);
    const envelope = measureProdEnvelope(wide);
    expect(envelope.status).toBe('measured');
    expect(Math.abs(envelope.eps_prod! / 1e200 - reference!) / reference!).toBeLessThan(1e-9);
    const overflowing = Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? 1 : -1) * 1.7e308);
    for (const method of ['pairwise-normal', 'nonparametric'] as const) {
      const result = measureProdEnvelope(method === 'nonparametric' ? [...overflowing, ...overflowing, ...overflowing, ...overflowing, ...overflowing, ...overflowing, ...overflowing, ...overflowing, ...overflowing, ...overflowing] : overflowing, { method });
      expect(result, method).toMatchObject({ status: 'unmeasured', eps_prod: null, reason: 'non_finite_spread' });
    }
  });

  it('pairwise-normal eps_prod matches the scipy formula', () => {
    const cases = [
      { samples: [0.61, 0.612, 0.609, 0.611, 0.613, 0.608, 0.61, 0.614, 0.607, 0.612], coverage: 0.95, confidence: 0.95 },
      { samples: Array.from({ length: 37 }, (_, i) => Math.sin(i * 1.7) * 0.01 + 0.6), coverage: 0.9, confidence: 0.99 },
      { samples: Array.from({ length: 500 }, (_, i) => Math.cos(i * i) * 1e-4), coverage: 0.999, confidence: 0.8 },
    ];
    const reference = scipy!.runJson<number[]>(ENVELOPE_SCRIPT, cases);
    cases.forEach((c, i) => {
      const envelope = measureProdEnvelope(c.samples, { coverage: c.coverage, confidence: c.confidence });
      expect(envelope.status).toBe('measured');
      expect(Math.abs(envelope.eps_prod! - reference[i]!) / reference[i]!).toBeLessThan(1e-9);
    });
  });
});
