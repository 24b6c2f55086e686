import { binomialCdf } from '../math/binomial.js';
import { chiSquareQuantile } from '../math/chi-square.js';
import { normalQuantile } from '../math/normal-distribution.js';
import { VerdictInputError } from '../verdict-input-error.js';
import { assertProbability } from './tolerance-input.js';

export type EnvelopeMethod = 'pairwise-normal' | 'nonparametric';
export const ENVELOPE_METHODS: readonly EnvelopeMethod[] = ['pairwise-normal', 'nonparametric'];
/** Why an envelope could not be measured. */
export type UnmeasuredReason = 'too_few_samples' | 'non_finite_sample' | 'too_few_pairs' | 'non_finite_spread';

/** Fewer production runs than this never give a number. */
export const MIN_ENVELOPE_SAMPLES = 10;

export interface EnvelopeOptions {
  /** p: the quantile of |X − X′| to bound (default 0.95). */
  readonly coverage?: number;
  /** γ: the confidence of the bound (default 0.95). */
  readonly confidence?: number;
  readonly method?: EnvelopeMethod;
}

interface EnvelopeFields {
  readonly n: number;
  readonly method: EnvelopeMethod;
  readonly coverage: number;
  readonly confidence: number;
  readonly mean: number | null;
  readonly sd: number | null;
}

export type ProdEnvelope =
  | (EnvelopeFields & { readonly status: 'measured'; readonly eps_prod: number })
  | (EnvelopeFields & { readonly status: 'unmeasured'; readonly eps_prod: null; readonly reason: UnmeasuredReason });

/**
 * Mean and SD computed on samples scaled by their largest magnitude, so that values near the limits of
 * float64 (where x² or x − mean overflows) still give the SD whenever the SD itself is representable.
 */
function meanAndSd(samples: readonly number[]): { mean: number; sd: number } {
  let scale = 0;
  for (const x of samples) scale = Math.max(scale, Math.abs(x));
  if (scale === 0) return { mean: 0, sd: 0 };
  let mean = 0;
  for (const [i, x] of samples.entries()) mean += (x / scale - mean) / (i + 1);
  let squares = 0;
  for (const x of samples) squares += (x / scale - mean) ** 2;
  return { mean: mean * scale, sd: Math.sqrt(squares / (samples.length - 1)) * scale };
}

/**
 * eps_prod: an upper bound, at confidence γ, on the p-quantile of |X − X′| where X, X′ are the metric
 * of two independent production-config runs.
 *
 * - `pairwise-normal` (default): X − X′ ~ N(0, 2σ²), so the p-quantile of |X − X′| is √2·z((1+p)/2)·σ;
 *   σ is bounded above at confidence γ by s·√((n−1)/χ²_{1−γ, n−1}).
 * - `nonparametric`: disjoint consecutive pairs give m = ⌊n/2⌋ independent |X − X′|; the r-th largest is
 *   a valid bound when P(Bin(m, p) ≤ m − r) ≥ γ (Wilks); the largest such r is used. Needs m large
 *   enough (m ≥ 59 at p = γ = 0.95), else unmeasured.
 *
 * n < 10 or any non-finite sample → `{status: "unmeasured", reason}`, never a number; a spread so wide
 * that the bound overflows float64 → `unmeasured` with reason `non_finite_spread`, never Infinity.
 */
export function measureProdEnvelope(samples: readonly number[], options: EnvelopeOptions = {}): ProdEnvelope {
  const coverage = options.coverage ?? 0.95;
  const confidence = options.confidence ?? 0.95;
  const method = options.method ?? 'pairwise-normal';
  assertProbability('coverage', coverage);
  assertProbability('confidence', confidence);
  if (!ENVELOPE_METHODS.includes(method)) throw new VerdictInputError('method', `must be one of ${ENVELOPE_METHODS.join(', ')}, got ${JSON.stringify(method)}`);
  const n = samples.length;
  const base = { n, method, coverage, confidence };
  if (samples.some((x) => !Number.isFinite(x))) return { status: 'unmeasured', eps_prod: null, reason: 'non_finite_sample', ...base, mean: null, sd: null };
  const moments = n >= 2 ? meanAndSd(samples) : { mean: n === 1 ? samples[0]! : null, sd: null };
  const withMoments = { ...base, ...moments };
  if (n < MIN_ENVELOPE_SAMPLES) return { status: 'unmeasured', eps_prod: null, reason: 'too_few_samples', ...withMoments };
  const { sd } = moments as { sd: number };

  if (method === 'pairwise-normal') {
    const sigmaBound = sd * Math.sqrt((n - 1) / chiSquareQuantile(1 - confidence, n - 1));
    const eps = Math.SQRT2 * normalQuantile((1 + coverage) / 2) * sigmaBound;
    if (!Number.isFinite(eps) || !Number.isFinite(sd)) return { status: 'unmeasured', eps_prod: null, reason: 'non_finite_spread', ...withMoments };
    return { status: 'measured', eps_prod: eps, ...withMoments };
  }

  const m = Math.floor(n / 2);
  const differences: number[] = [];
  for (let i = 0; i < m; i += 1) differences.push(Math.abs(samples[2 * i]! - samples[2 * i + 1]!));
  differences.sort((a, b) => b - a);
  let rank = 0;
  for (let r = 1; r <= m; r += 1) {
    if (binomialCdf(m - r, m, coverage) >= confidence) rank = r;
    else break;
  }
  if (rank === 0) return { status: 'unmeasured', eps_prod: null, reason: 'too_few_pairs', ...withMoments };
  const eps = differences[rank - 1]!;
  if (!Number.isFinite(eps)) return { status: 'unmeasured', eps_prod: null, reason: 'non_finite_spread', ...withMoments };
  return { status: 'measured', eps_prod: eps, ...withMoments };
}
