import { noncentralTQuantile } from '../math/noncentral-t.js';
import { normalQuantile } from '../math/normal-distribution.js';
import { VerdictInputError } from '../verdict-input-error.js';
import { assertProbability } from './tolerance-input.js';

/**
 * The largest n the tolerance factor is computed for. Up to here it agrees with scipy.stats.nct to about
 * 1e-13 relative (checked live in the suite at n = 1e4, 1e5, 1e6); beyond it the chi-integral loses digits
 * (2.6e-9 at n = 1e7), so larger n is refused rather than answered inexactly. (As n grows k tends to
 * z(coverage); at n = 1e6, p = 0.95, γ = 0.95 it is already within 0.2 % of it.)
 */
export const MAX_TOLERANCE_N = 1_000_000;

/**
 * One-sided normal tolerance factor k: with n samples of mean x̄ and SD s, `x̄ + k·s` bounds the
 * `coverage` quantile of the population with probability `confidence`. Exact:
 * k = t′⁻¹(confidence; ν = n − 1, δ = z(coverage)·√n) / √n, with the noncentral t quantile computed from
 * its chi-integral CDF (agrees with scipy.stats.nct to better than 1e-6 relative for n = 2…1000 and
 * coverage, confidence in [0.80, 0.999]). Example: n = 10, p = γ = 0.95 → 2.911.
 */
export function normalToleranceFactor(n: number, coverage: number, confidence: number): number {
  if (!(Number.isInteger(n) && n >= 2 && n <= MAX_TOLERANCE_N)) {
    throw new VerdictInputError('n', `must be an integer from 2 to ${MAX_TOLERANCE_N} (the range where the factor is computed exactly), got ${n}`);
  }
  assertProbability('coverage', coverage);
  assertProbability('confidence', confidence);
  const root = Math.sqrt(n);
  return noncentralTQuantile(confidence, n - 1, normalQuantile(coverage) * root) / root;
}
