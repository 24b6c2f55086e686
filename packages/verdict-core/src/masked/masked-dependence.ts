import { z } from 'zod';
import { VerdictInputError } from '../verdict-input-error.js';

/** Default threshold: eps_prod above 5 % of |metric| is "large" (the case was 14 %). */
export const DEFAULT_EPS_PROD_RELATIVE_THRESHOLD = 0.05;

export const maskedDependenceWarningSchema = z.object({
  code: z.enum(['eps_prod_large', 'uncapped_spread_exceeds_pinned']),
  severity: z.literal('warning'),
  message: z.string(),
  /** The next step (`repro verdict localize …`). */
  suggestion: z.string(),
});
export type MaskedDependenceWarning = z.infer<typeof maskedDependenceWarningSchema>;

export interface MaskedDependenceInput {
  /** A typical value of the metric (the canonical value, or the mean of the un-capped runs). */
  readonly metricValue: number;
  /** The measured eps_prod, or null when not measured. */
  readonly epsProd: number | null;
  /** max − min of the un-capped (production-config) runs' values, when known. */
  readonly uncappedSpread?: number | null;
  /** max − min of the pinned replays' values (0 when they agree), when known. */
  readonly pinnedSpread?: number | null;
  /** eps_prod / |metric| above which eps_prod is large (default DEFAULT_EPS_PROD_RELATIVE_THRESHOLD = 0.05). */
  readonly relativeThreshold?: number;
}

const SUGGESTION = 'run `repro verdict localize` to find which factor moves the metric, then pin it in production';

/**
 * Flags a dependence that the pinned replays cannot see and eps_prod silently absorbs. Pure.
 * - `eps_prod_large`: eps_prod > relativeThreshold · |metricValue| (a metric of 0 makes any eps_prod > 0 large).
 * - `uncapped_spread_exceeds_pinned`: the production-config runs spread more than the pinned replays do:
 *   something the pins fix (hash seed, threads, …) moves the metric in production.
 * @throws VerdictInputError on a non-finite input or a threshold outside (0, ∞).
 */
export function assessMaskedDependence(input: MaskedDependenceInput): MaskedDependenceWarning[] {
  const threshold = input.relativeThreshold ?? DEFAULT_EPS_PROD_RELATIVE_THRESHOLD;
  if (!(threshold > 0 && Number.isFinite(threshold))) throw new VerdictInputError('relativeThreshold', `must be a positive number, got ${threshold}`);
  if (!Number.isFinite(input.metricValue)) throw new VerdictInputError('metricValue', `must be finite, got ${input.metricValue}`);
  for (const field of ['epsProd', 'uncappedSpread', 'pinnedSpread'] as const) {
    const value = input[field];
    if (value !== null && value !== undefined && !(Number.isFinite(value) && value >= 0)) {
      throw new VerdictInputError(field, `must be a finite number >= 0 or null, got ${value}`);
    }
  }
  const warnings: MaskedDependenceWarning[] = [];
  const eps = input.epsProd;
  const scale = Math.abs(input.metricValue);
  if (eps !== null && eps > threshold * scale) {
    const share = scale > 0 ? `${Number(((eps / scale) * 100).toPrecision(3))} % of` : 'larger than';
    warnings.push({
      code: 'eps_prod_large',
      severity: 'warning',
      message: `eps_prod ${eps} is ${share} the metric (${input.metricValue}), above the ${threshold * 100} % threshold: the production tolerance may be absorbing a real dependence`,
      suggestion: SUGGESTION,
    });
  }
  const uncapped = input.uncappedSpread;
  const pinned = input.pinnedSpread;
  if (uncapped !== null && uncapped !== undefined && pinned !== null && pinned !== undefined && uncapped > pinned) {
    warnings.push({
      code: 'uncapped_spread_exceeds_pinned',
      severity: 'warning',
      message: `the un-capped runs spread by ${uncapped}, the pinned replays by ${pinned}: a spawn-time knob the pins fix (hash seed, thread count, …) moves the metric in production`,
      suggestion: SUGGESTION,
    });
  }
  return warnings;
}
