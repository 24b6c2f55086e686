import { integrate } from './adaptive-quadrature.js';
import { findRoot } from './find-root.js';
import { logGamma } from './log-gamma.js';
import { normalCdf } from './normal-distribution.js';

/**
 * CDF of the noncentral t distribution, by the chi-integral form:
 *   P(T ≤ t) = ∫₀^∞ Φ(t·x/√ν − δ) · f_χν(x) dx,   T = (Z + δ) / √(V/ν), V ~ χ²_ν, x = √V.
 * Integrated adaptively (Gauss–Kronrod) over the chi density's mass, split at its mode and at the
 * point where Φ's argument crosses zero. Valid for every ν > 0, δ and t (no series underflow for large δ,
 * which is where AS 243 breaks down).
 */
export function noncentralTCdf(t: number, dof: number, noncentrality: number): number {
  return chiIntegral(t, dof, noncentrality, false);
}

/** 1 − CDF of the noncentral t distribution, computed directly (accurate deep in the upper tail). */
export function noncentralTSurvival(t: number, dof: number, noncentrality: number): number {
  return chiIntegral(t, dof, noncentrality, true);
}

function chiIntegral(t: number, dof: number, noncentrality: number, upper: boolean): number {
  const nu = dof;
  const logNorm = (nu / 2 - 1) * Math.LN2 + logGamma(nu / 2);
  const chiLogPdf = (x: number) => (x <= 0 ? (nu === 1 ? -logNorm : Number.NEGATIVE_INFINITY) : (nu - 1) * Math.log(x) - (x * x) / 2 - logNorm);
  const mode = nu > 1 ? Math.sqrt(nu - 1) : 0;
  const lo = Math.max(0, mode - 10);
  const hi = mode + 10;
  const scale = t / Math.sqrt(nu);
  // Breakpoints: the chi mode at a few widths, and Φ's step at x = δ/scale on the scales of its width
  // (1/|scale|), so that no Kronrod panel can straddle a sharp step unseen.
  const candidates = [lo, hi, mode, mode - 3, mode - 1, mode + 1, mode + 3];
  if (scale !== 0) {
    const cross = noncentrality / scale;
    const width = 1 / Math.abs(scale);
    candidates.push(cross);
    for (const k of [1, 3, 10, 30, 100, 300, 1000]) candidates.push(cross - k * width, cross + k * width);
  }
  const points = [...new Set(candidates.filter((x) => x >= lo && x <= hi))].sort((a, b) => a - b);
  const integrand = (x: number) => {
    const logPdf = chiLogPdf(x);
    if (logPdf < -745) return 0;
    const z = scale * x - noncentrality;
    return (upper ? normalCdf(-z) : normalCdf(z)) * Math.exp(logPdf);
  };
  return Math.min(1, Math.max(0, integrate(integrand, points, 1e-300, 1e-13)));
}

/** The q-quantile of the noncentral t distribution (0 < q < 1). */
export function noncentralTQuantile(q: number, dof: number, noncentrality: number): number {
  // Solve on the side whose probability is small, where the integral keeps its relative accuracy.
  const f =
    q > 0.5
      ? (t: number) => 1 - q - noncentralTSurvival(t, dof, noncentrality)
      : (t: number) => noncentralTCdf(t, dof, noncentrality) - q;
  // Bracket: expand outward from the noncentrality until the signs differ.
  let lower = Math.min(0, noncentrality) - 1;
  let upper = Math.max(1, noncentrality * 2);
  let guard = 0;
  while (f(lower) > 0 && guard < 200) {
    lower = lower * 2 - 1;
    guard += 1;
  }
  guard = 0;
  while (f(upper) < 0 && guard < 200) {
    upper *= 2;
    guard += 1;
  }
  return findRoot(f, lower, upper, 1e-13);
}
