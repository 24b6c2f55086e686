import type { RecordedReplay, Verdict } from '../schema/verdict-schema.js';

/** The numbers an explanation quotes: four significant digits, shortest form (0.0002, 1e-9, 0.6103). */
export function formatExplainedNumber(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(4))) : String(value);
}

function replayText(replay: RecordedReplay): string {
  // The first line only: the stderr tail recorded after it is shown beside the replays, not in the sentence.
  if ('error' in replay) return `failed: ${replay.error.split('\n')[0]}`;
  if (replay.value === null) return 'reported no value';
  return typeof replay.value === 'number' ? `= ${formatExplainedNumber(replay.value)}` : `= ${replay.value}`;
}

function dimsIn(verdict: Verdict, state: 'differs' | 'missing'): string {
  const dims = Object.entries(verdict.parity_dims)
    .filter(([, s]) => s === state)
    .map(([dim]) => dim);
  return dims.length === 0 ? '(none named)' : dims.join(', ');
}

const num = (value: number | null): string => (value === null ? '—' : formatExplainedNumber(value));

/**
 * The verdict in plain sentences, one source of text for every front end (CLI, demo, HTML report): what
 * was decided, the numbers that decided it (rounded to four significant digits; the artefact keeps the
 * exact values), and what to do next. Pure: a function of the verdict alone.
 */
export function explainVerdict(verdict: Verdict): string {
  return [decisionSentences(verdict), ...furtherSentences(verdict)].join(' ');
}

/**
 * What the optional fields add, in this order: where a logic_fidelity_gap comes from (thread caps or
 * logic), the localisation's sentence and how to pin the culprit, each masked-dependence warning with its
 * suggestion, and the power of the K replays.
 */
function furtherSentences(verdict: Verdict): string[] {
  const sentences: string[] = [];
  if (verdict.divergence_source !== undefined) sentences.push(verdict.divergence_source.explanation);
  const localization = verdict.localization;
  if (localization !== undefined) {
    sentences.push(localization.sentence);
    if (localization.how_to_pin !== null) sentences.push(`To pin it: ${localization.how_to_pin}.`);
  }
  for (const warning of verdict.warnings ?? []) sentences.push(`Warning: ${warning.message}; ${warning.suggestion}.`);
  if (verdict.replay_power !== undefined) sentences.push(verdict.replay_power.sentence);
  return sentences;
}

function decisionSentences(verdict: Verdict): string {
  const epsilon = `epsilon = max(eps_num, eps_prod) = ${num(verdict.epsilon)}`;
  switch (verdict.verdict) {
    case 'FIDELITY_OK':
      return `Both replays are bit-identical and the canonical run ${verdict.canonical_run_id ?? '(unnamed)'} is within epsilon: |a − canonical| = ${num(verdict.canon_delta)} ≤ ${epsilon}; every P0 dimension matches.`;
    case 'NON_DETERMINISTIC':
      if (verdict.cause === 'numeric_residue') {
        return `The two replays differ in their last bits only: |a − b| = ${num(verdict.det_delta)} ≤ eps_num = ${num(verdict.eps_num)} (numeric residue, below eps_num). Unpinned knobs such as the hash seed and BLAS threads vary between runs: pin them to make the replays bit-identical.`;
      }
      return `The two replays differ by a real margin: |a − b| = ${num(verdict.det_delta)} > eps_num = ${num(verdict.eps_num)} (real instability). The training is not deterministic, so it is not compared with the canonical run until it is.`;
    case 'CANONICAL_DIVERGENCE':
      if (verdict.cause === 'env_parity_gap') {
        return `P0 sees ${dimsIn(verdict, 'differs')} differ from the canonical run: an environment gap, checked before any divergence is called a logic gap. Replay on the canonical run's environment (or record a new canonical) before reading |a − canonical|.`;
      }
      return `Same environment (every P0 dimension matches), different training logic: the metric moves beyond epsilon, |a − canonical| = ${num(verdict.canon_delta)} > ${epsilon} (logic fidelity gap).`;
    case 'INCONCLUSIVE_TOOLING':
      switch (verdict.reason) {
        case 'replay_error':
          return `A replay failed or gave no finite value — replay A ${replayText(verdict.audit.replay_a)}; replay B ${replayText(verdict.audit.replay_b)} — so determinism could not be checked. Fix the replay and run the verdict again.`;
        case 'canonical_absent':
          return `The replays are bit-identical, but no canonical run is stored for cell ${verdict.cell}, metric ${verdict.metric}: record one (repro canonical record) to compare against.`;
        case 'epsilon_prod_unmeasured':
          return `The replays are bit-identical, but eps_prod is not measured for ${verdict.eps_prod_image_sha === null ? 'the production image (no image SHA given)' : `image ${verdict.eps_prod_image_sha}`}: measure it from at least 10 production-config runs (repro envelope measure) before calling a divergence.`;
        default:
          return `The replays are bit-identical, but P0 parity is unverifiable: ${dimsIn(verdict, 'missing')} not recorded on the replay or the canonical run. Record every required dimension on both sides, then decide again.`;
      }
  }
}
