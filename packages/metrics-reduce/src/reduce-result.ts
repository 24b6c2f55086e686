import type { OmitReason } from './metrics-events.js';

/** A key left out of a reduced step, and why. */
export interface OmittedKey {
  key: string;
  reason: OmitReason;
}

/** One reduced step as plain data. */
export interface ReduceResult {
  /** The reduced metrics (non-finite values stay numbers here; JSON encodes them as strings). */
  metrics: Record<string, number>;
  /**
   * The output keys in their deterministic order (code-unit order of the names). Iterate this rather
   * than `metrics`, whose integer-like keys JavaScript would reorder.
   */
  keys: readonly string[];
  /** `non_finite: "drop"`: how many rank values were ignored, in total and per key. */
  dropped: { total: number; byKey: Record<string, number> };
  /** Keys left out, in output order. */
  omitted: readonly OmittedKey[];
}
