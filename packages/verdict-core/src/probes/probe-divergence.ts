export interface DivergenceResult {
  /** |a − canonical|, saturating at Number.MAX_VALUE. */
  readonly canonDelta: number;
  /** canonDelta ≤ epsilon. */
  readonly within: boolean;
}

/** H2: how far replay A lands from the stored canonical value, against the resolved tolerance epsilon. */
export function probeDivergence(a: number, canonicalValue: number, epsilon: number): DivergenceResult {
  const canonDelta = Math.min(Math.abs(a - canonicalValue), Number.MAX_VALUE);
  return { canonDelta, within: canonDelta <= epsilon };
}
