import { escapeHtml } from './escape-html.js';

/** Every term a report's numbers and labels link to (`#g-<term>`), with its definition. */
export const GLOSSARY = {
  verdict: ['verdict', 'The answer for one cell and metric, decided by the frozen rule: determinism first (H1), then the gates (canonical stored, eps_prod measured), then P0 parity, then the comparison with the canonical (H2).'],
  FIDELITY_OK: ['FIDELITY_OK', 'The replays are bit-identical, every P0 dimension equals the canonical run’s, and |a − canonical| ≤ epsilon.'],
  NON_DETERMINISTIC: ['NON_DETERMINISTIC', 'Replay A and replay B of the same code gave different values (H1 failed). Cause numeric_residue when |a − b| ≤ eps_num, real_instability beyond it.'],
  CANONICAL_DIVERGENCE: ['CANONICAL_DIVERGENCE', 'Deterministic replays that do not match the canonical: env_parity_gap when a P0 dimension differs, logic_fidelity_gap when P0 is equal and |a − canonical| > epsilon.'],
  INCONCLUSIVE_TOOLING: ['INCONCLUSIVE_TOOLING', 'No verdict on the training could be reached; the reason says what is missing: replay_error, canonical_absent, epsilon_prod_unmeasured or env_parity_unverified.'],
  cause: ['cause', 'Why a NON_DETERMINISTIC or CANONICAL_DIVERGENCE verdict was reached: numeric_residue, real_instability, logic_fidelity_gap or env_parity_gap.'],
  reason: ['reason', 'Why an INCONCLUSIVE_TOOLING verdict was reached: replay_error, canonical_absent, epsilon_prod_unmeasured or env_parity_unverified.'],
  replay_a: ['replay A', 'The metric from the first fresh-process replay of the cell, with hash seed and thread counts pinned. Its environment fingerprint is the replay side of P0.'],
  replay_b: ['replay B', 'The metric from the second, independent fresh-process replay of the same code, pinned the same way.'],
  canonical_value: ['canonical', 'The metric of the cell’s canonical run: the stored, promoted result the replay is compared with, recorded with its provenance (the P0 vector).'],
  canonical_run_id: ['canonical run', 'The id of the canonical run the verdict compared with.'],
  det_status: ['determinism (H1)', 'PASS when replay A and replay B are IEEE-754 equal; FAIL when they differ; ERROR when either failed or is NaN, ±Infinity or missing.'],
  det_delta: ['|a − b|', 'The absolute difference between replay A and replay B; 0 means bit-identical. Compared with eps_num to tell numeric residue from real instability.'],
  canon_delta: ['|a − canonical|', 'The absolute difference between replay A and the canonical value (H2); only computed when H1 passed, both gates passed and P0 is equal.'],
  epsilon: ['epsilon', 'The tolerance H2 uses: max(eps_num, eps_prod). Within it the replay matches the canonical.'],
  eps_num: ['eps_num', 'The numerical threshold: differences at most this large are floating-point residue (summation order, thread scheduling), not a change in what was trained.'],
  eps_prod: ['eps_prod', 'The production envelope: an upper bound, at a stated confidence, on the coverage quantile of |X − X′| between two independent production-config runs of the same image, measured from at least 10 of them.'],
  eps_prod_image_sha: ['eps_prod image', 'The production image SHA whose eps_prod was used; a new image needs its own eps_prod.'],
  envelope_samples: ['production runs', 'The metric of each production-config run eps_prod was measured from, drawn on the metric axis.'],
  parity_state: ['P0 parity', 'equal when every compared dimension is equal on both sides; differs when a dimension present on both sides differs; unverifiable when one is missing on either side.'],
  parity_dims: ['P0 dimensions', 'The environment vector compared between replay A’s fingerprint and the canonical run’s provenance: build_sha, instance_type, os, lib_versions (required by default), plus feature_versions and artifact_versions when either side records them.'],
  decided_at: ['decided at', 'When the verdict was decided (supplied by the caller; the decision itself reads no clock).'],
  baseline_value: ['baseline', 'The metric of the pinned baseline replay `localize` varied one factor at a time from.'],
  max_delta: ['max_delta', 'For one factor `localize` varied: the largest |value − baseline| over its replays. A factor moved the metric when it exceeded eps_num.'],
  promotion: ['canonical promotion', 'The moment a recorded run became the canonical of its cell and metric, demoting the previous one.'],
  image_change: ['image change', 'A verdict whose eps_prod image differs from the previous verdict’s: the production image, and so its envelope, changed.'],
} as const satisfies Record<string, readonly [string, string]>;

export type GlossaryTerm = keyof typeof GLOSSARY;

/** The terms every page that shows a verdict links to. */
export const VERDICT_TERMS: readonly GlossaryTerm[] = [
  'verdict',
  'FIDELITY_OK',
  'NON_DETERMINISTIC',
  'CANONICAL_DIVERGENCE',
  'INCONCLUSIVE_TOOLING',
  'cause',
  'reason',
  'replay_a',
  'replay_b',
  'canonical_value',
  'canonical_run_id',
  'det_status',
  'det_delta',
  'canon_delta',
  'epsilon',
  'eps_num',
  'eps_prod',
  'eps_prod_image_sha',
  'envelope_samples',
  'parity_state',
  'parity_dims',
  'decided_at',
];

/** A link to a term's definition on the page. */
export function glossaryHref(term: GlossaryTerm): string {
  return `#g-${term}`;
}

/** The glossary section: one `<dt id="g-…">` per term the page uses. */
export function renderGlossary(terms: readonly GlossaryTerm[]): string {
  const items = [...new Set(terms)].map((term) => {
    const [title, definition] = GLOSSARY[term];
    return `<dt id="g-${term}">${escapeHtml(title)}</dt><dd>${escapeHtml(definition)}</dd>`;
  });
  return `<section id="glossary"><h2>Glossary</h2><dl class="glossary">${items.join('')}</dl></section>`;
}
