import { logGamma } from './log-gamma.js';

/** ln P(Bin(m, p) = i). */
export function binomialLogPmf(i: number, m: number, p: number): number {
  if (p === 0) return i === 0 ? 0 : Number.NEGATIVE_INFINITY;
  if (p === 1) return i === m ? 0 : Number.NEGATIVE_INFINITY;
  return logGamma(m + 1) - logGamma(i + 1) - logGamma(m - i + 1) + i * Math.log(p) + (m - i) * Math.log1p(-p);
}

/** P(Bin(m, p) ≤ k). Sums the smaller tail in log space. */
export function binomialCdf(k: number, m: number, p: number): number {
  if (k < 0) return 0;
  if (k >= m) return 1;
  const mean = m * p;
  if (k < mean) {
    let sum = 0;
    for (let i = 0; i <= k; i += 1) sum += Math.exp(binomialLogPmf(i, m, p));
    return Math.min(1, sum);
  }
  let upper = 0;
  for (let i = k + 1; i <= m; i += 1) upper += Math.exp(binomialLogPmf(i, m, p));
  return Math.max(0, 1 - upper);
}
