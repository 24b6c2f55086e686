import type { DeterminismCause, DeterminismResult } from '../probes/probe-determinism.js';
import type { DivergenceResult } from '../probes/probe-divergence.js';
import type { ParityResult } from '../probes/probe-parity.js';
import { VerdictInputError } from '../verdict-input-error.js';

export type VerdictName = 'FIDELITY_OK' | 'NON_DETERMINISTIC' | 'CANONICAL_DIVERGENCE' | 'INCONCLUSIVE_TOOLING';
export type VerdictCause = DeterminismCause | 'logic_fidelity_gap' | 'env_parity_gap';
export type VerdictReason = 'replay_error' | 'canonical_absent' | 'epsilon_prod_unmeasured' | 'env_parity_unverified';

export interface Decision {
  readonly verdict: VerdictName;
  readonly cause: VerdictCause | null;
  readonly reason: VerdictReason | null;
}

/**
 * The frozen verdict rule (architecture seed §5bis), in this exact order:
 * H1 ERROR → INCONCLUSIVE_TOOLING(replay_error); H1 FAIL → NON_DETERMINISTIC(cause);
 * no canonical → INCONCLUSIVE_TOOLING(canonical_absent); eps_prod unmeasured →
 * INCONCLUSIVE_TOOLING(epsilon_prod_unmeasured); P0 unverifiable → INCONCLUSIVE_TOOLING(env_parity_unverified);
 * P0 differs → CANONICAL_DIVERGENCE(env_parity_gap); else H2: FIDELITY_OK within epsilon,
 * CANONICAL_DIVERGENCE(logic_fidelity_gap) beyond it.
 *
 * `divergence` is only read on the last step; it may be null wherever that step is not reached.
 */
export function decideVerdict(
  determinism: Pick<DeterminismResult, 'status' | 'detCause'>,
  parity: Pick<ParityResult, 'state'>,
  divergence: Pick<DivergenceResult, 'within'> | null,
  canonicalPresent: boolean,
  epsProdMeasured: boolean,
): Decision {
  if (determinism.status === 'ERROR') return { verdict: 'INCONCLUSIVE_TOOLING', cause: null, reason: 'replay_error' };
  if (determinism.status === 'FAIL') {
    if (determinism.detCause === null) throw new VerdictInputError('determinism.detCause', 'a FAIL determinism result must carry its cause');
    return { verdict: 'NON_DETERMINISTIC', cause: determinism.detCause, reason: null };
  }
  if (!canonicalPresent) return { verdict: 'INCONCLUSIVE_TOOLING', cause: null, reason: 'canonical_absent' };
  if (!epsProdMeasured) return { verdict: 'INCONCLUSIVE_TOOLING', cause: null, reason: 'epsilon_prod_unmeasured' };
  if (parity.state === 'unverifiable') return { verdict: 'INCONCLUSIVE_TOOLING', cause: null, reason: 'env_parity_unverified' };
  if (parity.state === 'differs') return { verdict: 'CANONICAL_DIVERGENCE', cause: 'env_parity_gap', reason: null };
  if (divergence === null) throw new VerdictInputError('divergence', 'H2 is reached (H1 PASS, canonical present, eps_prod measured, P0 equal) but no divergence result was given');
  return divergence.within
    ? { verdict: 'FIDELITY_OK', cause: null, reason: null }
    : { verdict: 'CANONICAL_DIVERGENCE', cause: 'logic_fidelity_gap', reason: null };
}
