import type { Verdict } from '@repro/verdict-core';
import { renderKeyValues, renderTable } from '../../output/render-table.js';

function why(verdict: Verdict): string | null {
  return verdict.cause ?? verdict.reason;
}

/** One verdict, every field a person needs to see why it was decided. */
export function renderVerdict(verdict: Verdict): string {
  const dims = Object.entries(verdict.parity_dims)
    .map(([dim, state]) => `${dim}=${state}`)
    .join(' ');
  return renderKeyValues([
    ['cell', verdict.cell],
    ['metric', verdict.metric],
    ['verdict', verdict.verdict],
    [verdict.cause !== null ? 'cause' : 'reason', why(verdict)],
    ['determinism', `${verdict.det_status} (|a − b| = ${verdict.det_delta ?? '—'})`],
    ['canon_delta', verdict.canon_delta],
    ['epsilon', verdict.epsilon],
    ['eps_num', verdict.eps_num],
    ['eps_prod', verdict.eps_prod],
    ['eps_prod image', verdict.eps_prod_image_sha],
    ['parity (P0)', `${verdict.parity_state}${dims === '' ? '' : `: ${dims}`}`],
    ['replay build/instance', `${verdict.replay_build_sha ?? '—'} / ${verdict.replay_instance_type ?? '—'}`],
    ['canonical run', verdict.canonical_run_id],
    ['canonical build/instance', `${verdict.canonical_build_sha ?? '—'} / ${verdict.canonical_instance_type ?? '—'}`],
    ['decided at', verdict.decided_at],
  ]);
}

/** Several verdicts, one row each. */
export function renderVerdictTable(verdicts: readonly Verdict[]): string {
  return renderTable(
    ['cell', 'metric', 'verdict', 'cause/reason', 'det', '|a−b|', '|a−canon|', 'epsilon', 'P0'],
    verdicts.map((v) => [v.cell, v.metric, v.verdict, why(v), v.det_status, v.det_delta, v.canon_delta, v.epsilon, v.parity_state]),
  );
}
