import type { CanonicalStore } from '@repro/canonical-provenance';
import { type ReplayEvent, type ReplayPair, toObservedReplay } from '@repro/replay-runner';
import { assessObservation, observationSchema, type Verdict } from '@repro/verdict-core';
import { DEFAULT_TIMEOUT_S } from '../options/option-fields.js';
import { parseOptions } from '../options/parse-options.js';
import { type VerdictOptions, type VerdictOptionsInput, verdictOptionsSchema } from '../options/verdict-options.js';
import type { Redactor } from '../redactor-port.js';
import type { ProgressCallback } from '../replay/replay-progress.js';
import { processReplayRunner, type ReplayCommand, type ReplayRunnerPort, replaySpecFor } from '../replay/replay-runner-port.js';
import type { UseCaseEventSink } from '../use-case-events.js';
import { readVerdictReferences } from './read-verdict-references.js';
import { checkedArtefactKey, type VerdictArtefactTarget, writeVerdictArtefact } from './verdict-artefact.js';
import { historyRecorder, type VerdictRecorder } from './verdict-recorder.js';

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
  /** Called when the replays start (done 0) and as each finishes. */
  readonly onProgress?: ProgressCallback;
}

export interface VerdictForCell {
  /** The verdict that stands (saved to the history). */
  readonly verdict: Verdict;
  /** The options as validated, defaults filled in. */
  readonly options: VerdictOptions;
  /** The replays this call ran; null when the recorder had a verdict already (a retried job). */
  readonly replays: ReplayPair | null;
  /** Whether this call saved the verdict to the history. */
  readonly saved_to_history: boolean;
  /** The artefact in the object store, when one was asked for (`created: false`: the same bytes were there). */
  readonly artefact: { readonly key: string; readonly uri: string; readonly created: boolean } | null;
}

/**
 * A verdict for a training cell: two fresh replays of `command` (pinned: hash seed, thread caps), the
 * canonical and eps_prod read from the store, verdict-core's frozen decision, the verdict recorded in
 * the history and, when asked, its artefact written to an object store. A failed replay is a verdict
 * (INCONCLUSIVE_TOOLING replay_error), not an exception. Nothing a replay reports reaches a store or the
 * result unredacted (`ports.redactor`).
 *
 * @throws UseCaseInputError (bad options, nothing ran), ReplaySpecError, ReplayAbortedError, the
 *   store's errors, ArtefactConflictError.
 */
export async function runVerdictForCell(input: VerdictOptionsInput, command: ReplayCommand, ports: VerdictPorts): Promise<VerdictForCell> {
  const options = parseOptions(verdictOptionsSchema, input);
  const artefactKey = ports.artefact === undefined ? null : checkedArtefactKey(ports.artefact, options.cell);
  const recorder = ports.recorder ?? historyRecorder(ports.store);
  const { emit, redactor } = ports;

  let decided = await recorder.decided();
  let replays: ReplayPair | null = null;
  if (decided === null) {
    replays = redactor.redact(await runReplays(options, command, ports));
    const references = redactor.redact(await readVerdictReferences(ports.store, options));
    const observation = observationSchema.parse({
      cell: options.cell,
      metric: options.metric,
      eps_num: options.eps_num,
      replay_a: toObservedReplay(replays.a, options.metric, options.parity_dims),
      replay_b: toObservedReplay(replays.b, options.metric, options.parity_dims),
      ...references,
    });
    decided = assessObservation(observation, { decidedAt: ports.now().toISOString(), parityDims: options.parity_dims, ...(emit ? { emit } : {}) }).verdict;
  } else {
    emit?.({ event: 'verdict_reused', cell: decided.cell, metric: decided.metric, verdict: decided.verdict });
  }
  const recorded = await recorder.record(redactor.redact(decided));
  // the verdict that stands may be an earlier attempt's, recorded before this redactor knew a secret
  const verdict = redactor.redact(recorded.verdict);
  const saved = recorded.saved;
  const artefact = ports.artefact === undefined || artefactKey === null ? null : await writeVerdictArtefact(ports.artefact.store, artefactKey, verdict, redactor);
  return { verdict, options, replays, saved_to_history: saved, artefact };
}

async function runReplays(options: VerdictOptions, command: ReplayCommand, ports: VerdictPorts): Promise<ReplayPair> {
  const spec = replaySpecFor(command, {
    pin: options.pin_mode === 'uncapped' ? { mode: 'uncapped' } : { mode: 'pinned', hashSeed: options.hash_seed ?? 0, threads: options.threads ?? 1 },
    timeoutSeconds: options.timeout_s ?? DEFAULT_TIMEOUT_S,
    metric: options.metric,
  });
  const { onProgress, emit } = ports;
  let done = 0;
  let failed = 0;
  // The pair reports both outcomes at the end; progress follows the runner's events as each replay ends.
  const observe = (event: ReplayEvent) => {
    emit?.(event);
    if (onProgress === undefined || event.event === 'replay_started' || event.event === 'replay_env_dropped') return;
    done += 1;
    if (event.event === 'replay_failed') failed += 1;
    const value = event.event === 'replay_finished' && Object.hasOwn(event.metrics, options.metric) ? event.metrics[options.metric]! : null;
    const error = event.event === 'replay_failed' ? `${event.kind}: ${event.message}` : null;
    onProgress({ done, total: 2, failed, last: { label: event.label, ok: error === null, value, error, duration_ms: Math.round(event.duration_ms) } });
  };
  onProgress?.({ done: 0, total: 2, failed: 0, last: null });
  return (ports.runner ?? processReplayRunner).runPair(spec, {
    mode: options.replays ?? 'parallel',
    ...(ports.signal ? { signal: ports.signal } : {}),
    ...(emit || onProgress ? { emit: observe } : {}),
  });
}
