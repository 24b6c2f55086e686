import type { CanonicalStore, EpsProdRecord } from '@repro/canonical-provenance';
import type { ReplayOutcome } from '@repro/replay-runner';
import { assessMaskedDependence, type MaskedDependenceWarning, measureProdEnvelope } from '@repro/verdict-core';
import { type EnvelopeOptions, type EnvelopeOptionsInput, envelopeOptionsSchema } from '../options/envelope-options.js';
import { DEFAULT_TIMEOUT_S } from '../options/option-fields.js';
import { parseOptions } from '../options/parse-options.js';
import { finishedReplay, type ProgressCallback } from '../replay/replay-progress.js';
import { processReplayRunner, type ReplayCommand, type ReplayRunnerPort, replaySpecFor } from '../replay/replay-runner-port.js';
import { EnvelopeRunsFailedError } from '../use-case-errors.js';
import type { UseCaseEventSink } from '../use-case-events.js';

/** Runs `work` while no other measurement of the same key runs (e.g. a Postgres advisory lock across workers). */
export type KeyLock = <T>(key: string, work: () => Promise<T>) => Promise<T>;

/** The ports of an envelope measurement. */
export interface EnvelopePorts {
  readonly store: Pick<CanonicalStore, 'getEpsProd' | 'putEpsProd'>;
  /** Default: @repro/replay-runner's fresh process groups. */
  readonly runner?: ReplayRunnerPort;
  /** Default: none (one front end at a time, as the CLI). */
  readonly keyLock?: KeyLock;
  readonly emit?: UseCaseEventSink;
  /** Aborting kills the running process group; the call then rejects with ReplayAbortedError and stores nothing. */
  readonly signal?: AbortSignal;
  /** Called when the runs start (done 0) and as each finishes. */
  readonly onProgress?: ProgressCallback;
}

export interface EnvelopeForImage {
  /** true: eps_prod was already stored for the key and is reused (no runs); false: measured now. */
  readonly reused: boolean;
  /** The stored eps_prod (the reused one, or the one just stored). */
  readonly eps_prod: EpsProdRecord;
  /** A measurement replaced an earlier one stored for the key (`force`). */
  readonly replaced: boolean;
  /** The options as validated, defaults filled in. */
  readonly options: EnvelopeOptions;
  /** The runs of this call, in run order; null when reused. */
  readonly runs: readonly ReplayOutcome[] | null;
  /** A record stored as unmeasured that this call refused to reuse (it measured again), else null. */
  readonly refused_unmeasured: { readonly reason: string | null; readonly n: number } | null;
  /** Masked dependence: eps_prod large against the metric (`eps_prod_large`, threshold `eps_prod_relative_threshold`, default 5 %). */
  readonly warnings: readonly MaskedDependenceWarning[];
}

/** eps_prod against the mean of the runs it was measured from (none when unmeasured). */
function envelopeWarnings(record: EpsProdRecord, relativeThreshold: number | undefined): MaskedDependenceWarning[] {
  if (record.status !== 'measured' || record.eps_prod === null || record.mean === null) return [];
  return assessMaskedDependence({ metricValue: record.mean, epsProd: record.eps_prod, ...(relativeThreshold === undefined ? {} : { relativeThreshold }) });
}

/** The lock key of (image_sha, cell, metric). */
export function envelopeLockKey(options: Pick<EnvelopeOptions, 'image_sha' | 'cell' | 'metric'>): string {
  return JSON.stringify(['eps_prod', options.image_sha, options.cell, options.metric]);
}

/**
 * The eps_prod envelope of a production image for a cell: `n` un-capped (production-config) runs of
 * `command`, eps_prod measured (verdict-core) and stored under (image_sha, cell, metric). A stored
 * measured envelope for the key is reused unless `force`; one stored as unmeasured is never reused (measured
 * again, `eps_prod_remeasured`). eps_prod large against the metric is warned about (`warnings`). A run whose metric is NaN/±Inf is a sample (the envelope
 * is then stored as unmeasured, non_finite_sample); any other failed run means nothing is stored.
 *
 * @throws UseCaseInputError (bad options, nothing ran), EnvelopeRunsFailedError, ReplaySpecError,
 *   ReplayAbortedError, the store's errors.
 */
export async function measureEnvelopeForImage(input: EnvelopeOptionsInput, command: ReplayCommand, ports: EnvelopePorts): Promise<EnvelopeForImage> {
  const options = parseOptions(envelopeOptionsSchema, input);
  const lock: KeyLock = ports.keyLock ?? ((_key, work) => work());
  return lock(envelopeLockKey(options), async () => {
    let refused: EnvelopeForImage['refused_unmeasured'] = null;
    if (!options.force) {
      const stored = await ports.store.getEpsProd(options.image_sha, options.cell, options.metric);
      if (stored.present && stored.status === 'unmeasured') {
        // An unmeasured record holds no number: reusing it would keep every verdict epsilon_prod_unmeasured.
        refused = { reason: stored.reason, n: stored.n };
        ports.emit?.({ event: 'eps_prod_remeasured', severity: 'warning', image_sha: stored.image_sha, cell: stored.cell, metric: stored.metric, stored_reason: stored.reason, stored_n: stored.n });
      } else if (stored.present) {
        const { present: _present, ...record } = stored;
        ports.emit?.({ event: 'eps_prod_reused', image_sha: record.image_sha, cell: record.cell, metric: record.metric, status: record.status, eps_prod: record.eps_prod, n: record.n, measured_at: record.measured_at });
        return { reused: true, eps_prod: record, replaced: false, options, runs: null, refused_unmeasured: null, warnings: envelopeWarnings(record, options.eps_prod_relative_threshold) };
      }
    }
    const runs = await productionRuns(options, command, ports);
    const broken = runs.filter((run) => !run.ok && run.error.kind !== 'non_finite_metric');
    if (broken.length > 0) {
      throw new EnvelopeRunsFailedError(
        broken.map((run) => ({ label: run.label, kind: run.error?.kind ?? 'unknown', message: run.error?.message ?? '', stderr_tail: run.error?.stderrTail ?? '' })),
        runs.length,
      );
    }
    const samples = runs.map((run) => run.metrics?.[options.metric] ?? Number.NaN);
    const envelope = measureProdEnvelope(samples, { coverage: options.coverage, confidence: options.confidence, method: options.method });
    const { replaced, ...record } = await ports.store.putEpsProd({
      image_sha: options.image_sha,
      cell: options.cell,
      metric: options.metric,
      ...envelope,
      reason: envelope.status === 'unmeasured' ? envelope.reason : null,
      samples,
    });
    const stored = record as EpsProdRecord;
    return { reused: false, eps_prod: stored, replaced, options, runs, refused_unmeasured: refused, warnings: envelopeWarnings(stored, options.eps_prod_relative_threshold) };
  });
}

async function productionRuns(options: EnvelopeOptions, command: ReplayCommand, ports: EnvelopePorts): Promise<ReplayOutcome[]> {
  const spec = replaySpecFor(command, { pin: { mode: 'uncapped' }, timeoutSeconds: options.timeout_s ?? DEFAULT_TIMEOUT_S, metric: options.metric });
  const { onProgress } = ports;
  onProgress?.({ done: 0, total: options.n, failed: 0, last: null });
  return (ports.runner ?? processReplayRunner).runMany(spec, options.n, {
    ...(ports.signal ? { signal: ports.signal } : {}),
    ...(ports.emit ? { emit: ports.emit } : {}),
    ...(onProgress ? { onProgress: ({ done, total, failed, last }) => onProgress({ done, total, failed, last: finishedReplay(last, options.metric) }) } : {}),
  });
}
