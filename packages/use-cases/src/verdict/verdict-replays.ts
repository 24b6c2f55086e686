import { type ReplayEvent, type ReplayOutcome, type ReplaySpec, replayLabel } from '@repro/replay-runner';
import type { ProgressCallback, ReplayProgress } from '../replay/replay-progress.js';
import type { ReplayRunnerPort } from '../replay/replay-runner-port.js';
import type { UseCaseEventSink } from '../use-case-events.js';

/** How a phase of a verdict's replays reports: the sink, the progress callback, the abort signal. */
export interface ReplayPhasePorts {
  readonly emit?: UseCaseEventSink | undefined;
  readonly onProgress?: ProgressCallback | undefined;
  readonly signal?: AbortSignal | undefined;
}

/**
 * An event sink that also reports progress as each replay of a phase ends (`total` known in advance):
 * the runner's `replay_finished` / `replay_failed` events count, whatever else the phase emits passes on.
 */
export function progressFromEvents(ports: ReplayPhasePorts, metric: string, total: number, phase: ReplayProgress['phase']): ((event: Parameters<UseCaseEventSink>[0]) => void) | undefined {
  const { onProgress, emit } = ports;
  if (onProgress === undefined) return emit;
  let done = 0;
  let failed = 0;
  onProgress({ done: 0, total, failed: 0, last: null, phase });
  return (event) => {
    emit?.(event);
    if (event.event !== 'replay_finished' && event.event !== 'replay_failed') return;
    const replay = event as Extract<ReplayEvent, { event: 'replay_finished' | 'replay_failed' }>;
    done += 1;
    if (replay.event === 'replay_failed') failed += 1;
    const value = replay.event === 'replay_finished' && Object.hasOwn(replay.metrics, metric) ? replay.metrics[metric]! : null;
    const error = replay.event === 'replay_failed' ? `${replay.kind}: ${replay.message}` : null;
    onProgress({ done, total, failed, last: { label: replay.label, ok: error === null, value, error, duration_ms: Math.round(replay.duration_ms) }, phase });
  };
}

/** The K pinned replays of a verdict (labels A, B, C, …): two at a time, or one at a time when `sequential`. */
export function runVerdictReplays(
  runner: ReplayRunnerPort,
  spec: ReplaySpec,
  k: number,
  mode: 'parallel' | 'sequential',
  metric: string,
  ports: ReplayPhasePorts,
): Promise<ReplayOutcome[]> {
  const emit = progressFromEvents(ports, metric, k, 'replays');
  return runner.runMany(spec, k, {
    concurrency: mode === 'sequential' ? 1 : 2,
    labelOf: replayLabel,
    ...(ports.signal ? { signal: ports.signal } : {}),
    ...(emit ? { emit } : {}),
  });
}
