import { regularizedGammaQ } from './incomplete-gamma.js';

/**
 * Standard normal CDF and quantile in double precision.
 * CDF: through the regularized incomplete gamma function (erfc(z) = Q(1/2, z²)), ~1e-15 relative.
 * Quantile: Acklam's rational approximation refined by two Halley steps on the CDF above.
 */

const SQRT_2PI = 2.5066282746310002;

/** Φ(−|x|) — the lower tail without cancellation: erfc(a/√2)/2 = Q(1/2, a²/2)/2. */
function lowerTail(absX: number): number {
  if (absX > 38.5) return 0;
  return 0.5 * regularizedGammaQ(0.5, (absX * absX) / 2);
}

/** Φ(x) = P(Z ≤ x). */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  return x <= 0 ? lowerTail(-x) : 1 - lowerTail(x);
}

/** 1 − Φ(x) = P(Z > x), accurate in the upper tail. */
export function normalSurvival(x: number): number {
  return normalCdf(-x);
}

const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

/** Φ⁻¹(p), the standard normal quantile, for 0 < p < 1 (±Infinity at 0 and 1). */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  let x: number;
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = (((((C[0]! * q + C[1]!) * q + C[2]!) * q + C[3]!) * q + C[4]!) * q + C[5]!) / ((((D[0]! * q + D[1]!) * q + D[2]!) * q + D[3]!) * q + 1);
  } else if (p <= 1 - P_LOW) {
    const q = p - 0.5;
    const r = q * q;
    x = ((((((A[0]! * r + A[1]!) * r + A[2]!) * r + A[3]!) * r + A[4]!) * r + A[5]!) * q) / (((((B[0]! * r + B[1]!) * r + B[2]!) * r + B[3]!) * r + B[4]!) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x = -(((((C[0]! * q + C[1]!) * q + C[2]!) * q + C[3]!) * q + C[4]!) * q + C[5]!) / ((((D[0]! * q + D[1]!) * q + D[2]!) * q + D[3]!) * q + 1);
  }
  // Two Halley steps on Φ(x) − p; in the upper half the same residual is taken as (1 − p) − (1 − Φ(x)),
  // from the tail that avoids cancellation.
  for (let i = 0; i < 2; i += 1) {
    const e = p < 0.5 ? normalCdf(x) - p : 1 - p - normalSurvival(x);
    const u = e * SQRT_2PI * Math.exp((x * x) / 2);
    x -= u / (1 + (x * u) / 2);
  }
  return x;
}
