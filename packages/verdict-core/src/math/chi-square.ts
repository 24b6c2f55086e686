import { regularizedGammaP, regularizedGammaQ } from './incomplete-gamma.js';
import { logGamma } from './log-gamma.js';
import { normalQuantile } from './normal-distribution.js';

/** P(χ²_ν ≤ x). */
export function chiSquareCdf(x: number, dof: number): number {
  return regularizedGammaP(dof / 2, x / 2);
}

function chiSquareLogPdf(x: number, dof: number): number {
  const k = dof / 2;
  return (k - 1) * Math.log(x) - x / 2 - k * Math.LN2 - logGamma(k);
}

/**
 * The q-quantile of χ²_ν (lower tail): x with P(χ²_ν ≤ x) = q. Wilson–Hilferty start, then Newton on
 * ln x inside a maintained bracket (bisection in ln x when a step leaves it). Relative accuracy ~1e-14.
 */
export function chiSquareQuantile(q: number, dof: number): number {
  if (!(dof > 0) || Number.isNaN(q) || q < 0 || q > 1) return Number.NaN;
  if (q === 0) return 0;
  if (q === 1) return Number.POSITIVE_INFINITY;
  const z = normalQuantile(q);
  const h = 2 / (9 * dof);
  let x = dof * (1 - h + z * Math.sqrt(h)) ** 3;
  if (!(x > 0) || !Number.isFinite(x)) x = dof;
  // Small-q start from the leading term of the series: P ≈ (x/2)^k / Γ(k+1).
  const k = dof / 2;
  const smallStart = 2 * Math.exp((Math.log(q) + logGamma(k + 1)) / k);
  if (q < 0.05 && smallStart < x) x = smallStart;
  let lo = 0;
  let hi = Number.POSITIVE_INFINITY;
  // Residual on the tail that is small, to keep relative precision.
  const residual = (v: number) => (q <= 0.5 ? chiSquareCdf(v, dof) - q : (1 - q) - regularizedGammaQ(k, v / 2));
  for (let i = 0; i < 200; i += 1) {
    const f = residual(x);
    if (f === 0) return x;
    if (f > 0) hi = Math.min(hi, x);
    else lo = Math.max(lo, x);
    // Newton in u = ln x: dF/du = pdf(x)·x
    const slope = Math.exp(chiSquareLogPdf(x, dof)) * x;
    let next = x * Math.exp(-f / slope);
    if (!Number.isFinite(next) || next <= lo || next >= hi || slope === 0) {
      next = Number.isFinite(hi) ? (lo > 0 ? Math.sqrt(lo * hi) : hi / 2) : x * 2;
    }
    if (Math.abs(next - x) <= 1e-15 * x) return next;
    x = next;
  }
  return x;
}
