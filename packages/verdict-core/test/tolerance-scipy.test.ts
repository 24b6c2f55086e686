import { needPython } from '@repro/test-services';
import { describe, expect, it } from 'vitest';
import { measureProdEnvelope, normalToleranceFactor } from '../src/index.js';

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
