import type { CanonicalStore } from '@repro/canonical-provenance';
import { type ReplayOutcome, type ReplayPair, type ReplaySpec, replayMetric, toObservedReplay } from '@repro/replay-runner';
import { assessObservation, decisivePair, type Localization, observationSchema, replayPower, type Verdict } from '@repro/verdict-core';
import { DEFAULT_TIMEOUT_S } from '../options/option-fields.js';
import { parseOptions } from '../options/parse-options.js';
import { type VerdictOptions, type VerdictOptionsInput, verdictOptionsSchema } from '../options/verdict-options.js';
import type { Redactor } from '../redactor-port.js';
import type { ProgressCallback } from '../replay/replay-progress.js';
import { processReplayRunner, type ReplayCommand, type ReplayRunnerPort, replaySpecFor } from '../replay/replay-runner-port.js';
import { UseCaseInputError } from '../use-case-errors.js';
import type { UseCaseEventSink } from '../use-case-events.js';
import { checkDivergenceSource } from './check-divergence-source.js';
import { localizeCell } from './localize-cell.js';
import { maskedDependenceWarnings } from './masked-dependence-warnings.js';
import { readVerdictReferences } from './read-verdict-references.js';
import { replayContextOf } from './replay-context.js';
import { selectLocalizationFactors } from './select-localization-factors.js';
import { checkedArtefactKey, type VerdictArtefactTarget, writeVerdictArtefact } from './verdict-artefact.js';
import { historyRecorder, type VerdictRecorder } from './verdict-recorder.js';
import { runVerdictReplays } from './verdict-replays.js';

/** The ports of a verdict for a cell. */
export interface VerdictPorts {
  /** The canonical-provenance store: canonical and eps_prod are read from it; verdicts saved to its history (default recorder). */
  readonly store: Pick<CanonicalStore, 'getCanonical' | 'getEpsProd' | 'saveVerdict'>;
  /** The decision time (the use case reads no clock of its own). */
  readonly now: () => Date;
  /**
   * Secrets out of everything stored: the replays' reports (fingerprint, error text) and the canonical's
   * provenance are redacted before the decision (so both sides of P0 parity compare alike), and the
   * verdict again before it is recorded, written as the artefact and returned.
   */
  readonly redactor: Redactor;
  /** Default: @repro/replay-runner's fresh process groups. */
  readonly runner?: ReplayRunnerPort;
  /** Default: `historyRecorder(store)`, one history row per call. */
  readonly recorder?: VerdictRecorder;
  /** Also write the artefact to an object store (create-only), e.g. `verdicts/<cell>/<job_id>.json`. */
  readonly artefact?: VerdictArtefactTarget;
  readonly emit?: UseCaseEventSink;
  /** Aborting kills both replay process groups; the call then rejects with ReplayAbortedError. */
  readonly signal?: AbortSignal;
  /** Called when each phase's replays start (done 0) and as each finishes (`phase`: replays, localize, thread_check). */
  readonly onProgress?: ProgressCallback;
}

export interface VerdictForCell {
  /** The verdict that stands (saved to the history), with replay_power, warnings, divergence_source and localization when they apply. */
  readonly verdict: Verdict;
  /** The options as validated, defaults filled in. */
  readonly options: VerdictOptions;
  /** Replay A and the decisive replay B of the K (null when the recorder had a verdict already: a retried job). */
  readonly replays: ReplayPair | null;
  /** All K pinned replays, in order (labels A, B, C, …); null as `replays`. */
  readonly outcomes: readonly ReplayOutcome[] | null;
  /** The replay at the canonical's thread configuration, when H2 failed on a logic_fidelity_gap. */
  readonly thread_check: ReplayOutcome | null;
  /** Why a requested localisation has no result (its pinned baseline failed, with the stderr tail), else null. */
  readonly localization_error: string | null;
  /** Whether this call saved the verdict to the history. */
  readonly saved_to_history: boolean;
  /** The artefact in the object store, when one was asked for (`created: false`: the same bytes were there). */
  readonly artefact: { readonly key: string; readonly uri: string; readonly created: boolean } | null;
}

/** Default K: two pinned replays. */
export const DEFAULT_REPLAY_COUNT = 2;
/** Default K of a localisation: two replays per factor. */
export const DEFAULT_REPLAYS_PER_FACTOR = 2;

/**
 * A verdict for a training cell: K fresh replays of `command` (pinned: hash seed, thread caps; default
 * K = 2) folded into the decisive pair, the canonical and eps_prod read from the store, verdict-core's
 * frozen decision, then what explains it: the power of K (`replay_power`), masked-dependence `warnings`,
 * on a logic_fidelity_gap one replay at the canonical's thread configuration (`divergence_source`), and,
 * when asked (`localize`), which factor moves the metric (`localization`). The verdict is recorded in the
 * history and, when asked, its artefact written to an object store. A failed replay is a verdict
 * (INCONCLUSIVE_TOOLING replay_error, the child's stderr tail in the artefact), not an exception. Nothing
 * a replay reports reaches a store or the result unredacted (`ports.redactor`).
 *
 * @throws UseCaseInputError (bad options, nothing ran), ReplaySpecError, ReplayAbortedError, the
 *   store's errors, ArtefactConflictError.
 */
export async function runVerdictForCell(input: VerdictOptionsInput, command: ReplayCommand, ports: VerdictPorts): Promise<VerdictForCell> {
  const options = parseOptions(verdictOptionsSchema, input);
  const localize = options.localize === true ? 'on_failure' : options.localize === false || options.localize === undefined ? 'never' : options.localize;
  if (localize !== 'never' && options.pin_mode !== 'pinned') throw new UseCaseInputError('localize', 'localisation starts from the pinned baseline: it cannot run with un-capped replays');
  const factors = localize === 'never' ? [] : selectLocalizationFactors(options);
  const artefactKey = ports.artefact === undefined ? null : checkedArtefactKey(ports.artefact, options.cell);
  const recorder = ports.recorder ?? historyRecorder(ports.store);
  const runner = ports.runner ?? processReplayRunner;
  const { emit, redactor } = ports;
  const phase = { emit, onProgress: ports.onProgress, signal: ports.signal };

  let decided = await recorder.decided();
  let outcomes: ReplayOutcome[] | null = null;
  let replays: ReplayPair | null = null;
  let threadCheck: ReplayOutcome | null = null;
  let localizationError: string | null = null;
  if (decided === null) {
    const spec = verdictSpec(options, command);
    const k = options.replay_count ?? DEFAULT_REPLAY_COUNT;
    const mode = options.replays ?? 'parallel';
    outcomes = redactor.redact(await runVerdictReplays(runner, spec, k, mode, options.metric, phase));
    const pair = decisivePair(outcomes.map((outcome) => toObservedReplay(outcome, options.metric, options.parity_dims)));
    replays = { a: outcomes[0]!, b: outcomes[pair.b_index]!, mode };
    const references = redactor.redact(await readVerdictReferences(ports.store, options));
    const observation = observationSchema.parse({ cell: options.cell, metric: options.metric, eps_num: options.eps_num, replay_a: pair.replay_a, replay_b: pair.replay_b, ...references });
    const verdict = assessObservation(observation, { decidedAt: ports.now().toISOString(), parityDims: options.parity_dims, ...(emit ? { emit } : {}) }).verdict;
    const pinnedValues = outcomes.map((outcome) => replayMetric(outcome, options.metric));
    const warnings = await maskedDependenceWarnings(ports.store, options, {
      canonicalValue: references.canonical?.value ?? null,
      pinnedValues,
      relativeThreshold: options.eps_prod_relative_threshold,
    });
    let divergenceSource: Verdict['divergence_source'];
    if (verdict.cause === 'logic_fidelity_gap' && references.canonical && options.pin_mode === 'pinned' && pinnedValues[0] !== null && pinnedValues[0] !== undefined) {
      const checked = await checkDivergenceSource(runner, spec, verdict, references.canonical as { value: number; provenance: Record<string, unknown> }, pinnedValues[0], phase);
      divergenceSource = checked.source;
      threadCheck = redactor.redact(checked.outcome);
    }
    let localization: Localization | undefined;
    if (localize === 'always' || (localize === 'on_failure' && verdict.det_status === 'FAIL')) {
      const located = await localizeCell(runner, spec, { metric: options.metric, factors, replaysPerFactor: options.replays_per_factor ?? DEFAULT_REPLAYS_PER_FACTOR }, phase);
      if (located.localization !== null) localization = redactor.redact(located.localization);
      else {
        localizationError = located.error === null ? null : redactor.redact(located.error);
        emit?.({ event: 'localization_failed', severity: 'warning', cell: options.cell, metric: options.metric, reason: localizationError ?? 'unknown' });
      }
    }
    decided = {
      ...verdict,
      audit: { ...verdict.audit, replay: replayContextOf(outcomes[0]!) },
      replay_power: replayPower(k),
      ...(warnings.length > 0 ? { warnings } : {}),
      ...(divergenceSource === undefined ? {} : { divergence_source: divergenceSource }),
      ...(localization === undefined ? {} : { localization }),
    };
  } else {
    emit?.({ event: 'verdict_reused', cell: decided.cell, metric: decided.metric, verdict: decided.verdict });
  }
  const recorded = await recorder.record(redactor.redact(decided));
  // the verdict that stands may be an earlier attempt's, recorded before this redactor knew a secret
  const verdict = redactor.redact(recorded.verdict);
  const saved = recorded.saved;
  const artefact = ports.artefact === undefined || artefactKey === null ? null : await writeVerdictArtefact(ports.artefact.store, artefactKey, verdict, redactor);
  return { verdict, options, replays, outcomes, thread_check: threadCheck, localization_error: localizationError, saved_to_history: saved, artefact };
}

function verdictSpec(options: VerdictOptions, command: ReplayCommand): ReplaySpec {
  return replaySpecFor(command, {
    pin: options.pin_mode === 'uncapped' ? { mode: 'uncapped' } : { mode: 'pinned', hashSeed: options.hash_seed ?? 0, threads: options.threads ?? 1 },
    timeoutSeconds: options.timeout_s ?? DEFAULT_TIMEOUT_S,
    metric: options.metric,
  });
}
