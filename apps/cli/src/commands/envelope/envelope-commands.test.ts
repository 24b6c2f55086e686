import { normalToleranceFactor } from '@repro/verdict-core';
import { describe, expect, it } from 'vitest';
import { runRepro } from '../../../test/run-cli-in-process.js';

const TEN = '0.61,0.612,0.609,0.611,0.613,0.608,0.61,0.614,0.607,0.612';

describe('repro envelope compute', () => {
  it('--json prints {status, eps_prod, n, method, coverage, confidence, mean, sd}', async () => {
    const run = await runRepro(['envelope', 'compute', '--values', TEN, '--json']);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(Object.keys(result).sort()).toEqual(['confidence', 'coverage', 'eps_prod', 'mean', 'method', 'n', 'sd', 'status']);
    expect(result).toMatchObject({ status: 'measured', n: 10, method: 'pairwise-normal', coverage: 0.95, confidence: 0.95 });
    expect(result.eps_prod).toBeGreaterThan(0);
  });

  it('reports unmeasured with a reason, never a number', async () => {
    const few = JSON.parse((await runRepro(['envelope', 'compute', '--values', '0.61,0.62', '--json'])).stdout);
    expect(few).toMatchObject({ status: 'unmeasured', eps_prod: null, reason: 'too_few_samples', n: 2 });
    // NaN is not a number a user types: refused by the one number grammar, naming the item
    const nan = await runRepro(['envelope', 'compute', '--values', `${TEN},NaN`, '--json']);
    expect(nan.code).toBe(2);
    expect(JSON.parse(nan.stdout)).toMatchObject({ error: { code: 'invalid_flag', flag: '--values', item: 11, value: 'NaN' } });
    const pairs = await runRepro(['envelope', 'compute', '--values', TEN, '--method', 'nonparametric']);
    expect(pairs.stdout).toMatch(/reason\s+too_few_pairs/);
  });

  it('takes coverage and confidence, and rejects bad values naming the flag', async () => {
    const wide = JSON.parse((await runRepro(['envelope', 'compute', '--values', TEN, '--coverage', '0.99', '--confidence', '0.9', '--json'])).stdout);
    expect(wide).toMatchObject({ coverage: 0.99, confidence: 0.9 });
    const bad = await runRepro(['envelope', 'compute', '--values', '0.61,abc']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('repro: --values: item 2 "abc" is not a decimal number (digits, an optional fraction and exponent; no hex, NaN or Infinity)\n');
    expect((await runRepro(['envelope', 'compute', '--values', TEN, '--coverage', '1.5'])).stderr).toContain('--coverage');
    expect((await runRepro(['envelope', 'compute', '--values', TEN, '--method', 'bootstrap'])).code).toBe(2);
  });
});

describe('repro envelope k-factor', () => {
  it('prints the cartesian product in order n × coverage × confidence', async () => {
    const run = await runRepro(['envelope', 'k-factor', '--n', '10,20', '--coverage', '0.9,0.95', '--confidence', '0.95', '--json']);
    expect(run.code).toBe(0);
    const rows = JSON.parse(run.stdout);
    expect(rows.map((r: { n: number; coverage: number }) => [r.n, r.coverage])).toEqual([
      [10, 0.9],
      [10, 0.95],
      [20, 0.9],
      [20, 0.95],
    ]);
    expect(rows[1]).toEqual({ n: 10, coverage: 0.95, confidence: 0.95, k: normalToleranceFactor(10, 0.95, 0.95) });
    expect(rows[1].k).toBeCloseTo(2.911, 3);
  });

  it('prints a table for people and rejects n < 2', async () => {
    const run = await runRepro(['envelope', 'k-factor', '--n', '10', '--coverage', '0.95', '--confidence', '0.95']);
    expect(run.stdout).toMatch(/10\s+0\.95\s+0\.95\s+2\.91096/);
    const bad = await runRepro(['envelope', 'k-factor', '--n', '1', '--coverage', '0.95', '--confidence', '0.95']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--n: item 1 "1" is out of range: must be ≥ 2');
  });
});
