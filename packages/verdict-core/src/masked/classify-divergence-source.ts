import { z } from 'zod';
import { VerdictInputError } from '../verdict-input-error.js';

export const divergenceSourceSchema = z.object({
  /**
   * `thread_caps`: at the canonical's recorded thread configuration the replay is within epsilon — the
   * divergence comes from the pinned thread caps themselves. `logic_gap`: it still diverges there.
   * `unchecked`: the check replay did not run or failed.
   */
  source: z.enum(['thread_caps', 'logic_gap', 'unchecked']),
  /** |replay at the canonical's thread configuration − canonical|, when it ran. */
  thread_config_delta: z.number().nullable(),
  explanation: z.string(),
});
export type DivergenceSource = z.infer<typeof divergenceSourceSchema>;

export interface DivergenceSourceInput {
  readonly canonicalValue: number;
  /** Replay A's value (pinned caps). */
  readonly pinnedValue: number;
  /** The value of one replay run at the canonical's recorded thread configuration; null when it did not run or failed. */
  readonly threadConfigValue: number | null;
  /** The H2 tolerance ε = max(eps_num, eps_prod). */
  readonly epsilon: number;
  /** The thread configuration used, for the explanation (e.g. `OMP_NUM_THREADS=8` or `un-capped`). */
  readonly threadConfigLabel?: string;
  /** Why the check replay is missing, for the explanation. */
  readonly uncheckedReason?: string;
}

/**
 * When H2 fails (|pinned − canonical| > ε), tells apart a divergence caused by the pinned thread caps
 * (the canonical was an un-capped / differently threaded run) from a logic gap. The frozen verdict
 * order is unchanged: this only explains a `logic_fidelity_gap`. Pure.
 * @throws VerdictInputError on non-finite inputs or a negative epsilon.
 */
export function classifyDivergenceSource(input: DivergenceSourceInput): DivergenceSource {
  for (const field of ['canonicalValue', 'pinnedValue', 'epsilon'] as const) {
    if (!Number.isFinite(input[field])) throw new VerdictInputError(field, `must be finite, got ${input[field]}`);
  }
  if (input.epsilon < 0) throw new VerdictInputError('epsilon', `must be >= 0, got ${input.epsilon}`);
  const config = input.threadConfigLabel ?? "the canonical's recorded thread configuration";
  const pinnedDelta = Math.abs(input.pinnedValue - input.canonicalValue);
  const t = input.threadConfigValue;
  if (t === null || !Number.isFinite(t)) {
    return {
      source: 'unchecked',
      thread_config_delta: null,
      explanation: `The replay diverges from the canonical by ${pinnedDelta} (> ε ${input.epsilon}); whether the thread caps cause it is unchecked${input.uncheckedReason ? ` (${input.uncheckedReason})` : ''}: run one replay at ${config} to tell a thread effect from a logic gap.`,
    };
  }
  const delta = Math.abs(t - input.canonicalValue);
  if (delta <= input.epsilon) {
    return {
      source: 'thread_caps',
      thread_config_delta: delta,
      explanation: `The divergence (${pinnedDelta} > ε ${input.epsilon}) comes from the pinned thread caps themselves: at ${config} the replay is within ε of the canonical (${delta}). The code matches; the metric depends on the thread count — pin it in production or record the canonical with the same caps.`,
    };
  }
  return {
    source: 'logic_gap',
    thread_config_delta: delta,
    explanation: `The divergence is not a thread effect: at ${config} the replay still differs from the canonical by ${delta} (> ε ${input.epsilon}) — a logic fidelity gap (code, data or a factor outside P0).`,
  };
}
