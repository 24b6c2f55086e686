import { noncentralTQuantile } from '../math/noncentral-t.js';
import { normalQuantile } from '../math/normal-distribution.js';
import { VerdictInputError } from '../verdict-input-error.js';
import { assertProbability } from './tolerance-input.js';

/**
 * One-sided normal tolerance factor k: with n samples of mean x̄ and SD s, `x̄ + k·s` bounds the
 * `coverage` quantile of the population with probability `confidence`. Exact:
 * k = t′⁻¹(confidence; ν = n − 1, δ = z(coverage)·√n) / √n, with the noncentral t quantile computed from
 * its chi-integral CDF (agrees with scipy.stats.nct to better than 1e-6 relative for n = 2…1000 and
 * coverage, confidence in [0.80, 0.999]). Example: n = 10, p = γ = 0.95 → 2.911.
 */
export function normalToleranceFactor(n: number, coverage: number, confidence: number): number {
  if (!(Number.isInteger(n) && n >= 2)) throw new VerdictInputError('n', `must be an integer ≥ 2, got ${n}`);
  assertProbability('coverage', coverage);
  assertProbability('confidence', confidence);
  const root = Math.sqrt(n);
  return noncentralTQuantile(confidence, n - 1, normalQuantile(coverage) * root) / root;
}
