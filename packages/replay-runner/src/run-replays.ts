import type { ReplayEventSink } from './replay-events.js';
import type { ReplayOutcome } from './replay-outcome.js';
import type { ReplaySpec } from './replay-spec.js';
import { ReplaySpecError } from './replay-spec-error.js';
import { runMany } from './run-many.js';

export interface RunReplaysOptions {
  /** Replays at once (default 2, as `runReplayPair`'s parallel mode; 1 = sequential). */
  readonly concurrency?: number;
  readonly signal?: AbortSignal;
  readonly emit?: ReplayEventSink;
}

/** The label of the i-th (0-based) verdict replay: A, B, …, Z, then `replay-27`, … */
export function replayLabel(index: number): string {
  return index < 26 ? String.fromCharCode(65 + index) : `replay-${index + 1}`;
}

/**
 * The K >= 2 pinned replays of a verdict (labels A, B, C, …), in order. More replays catch rarer
 * non-determinism: verdict-core's `replayPower(K)` states what K catches, and `decisivePair` folds the K
 * outcomes into the pair the frozen rule compares. Failures are data. On abort, every group is gone
 * before the call rejects.
 * @throws ReplaySpecError on a malformed spec, K or concurrency; ReplayAbortedError when `signal` aborts.
 */
export async function runReplays(spec: ReplaySpec, replays: number, options: RunReplaysOptions = {}): Promise<ReplayOutcome[]> {
  if (!Number.isSafeInteger(replays) || replays < 2) throw new ReplaySpecError('replays', `must be an integer >= 2, got ${JSON.stringify(replays)}`);
  const concurrency = options.concurrency ?? 2;
  if (!Number.isSafeInteger(concurrency) || concurrency < 1) throw new ReplaySpecError('concurrency', `must be a positive integer, got ${JSON.stringify(concurrency)}`);
  return runMany(spec, replays, {
    concurrency,
    labelOf: replayLabel,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.emit ? { emit: options.emit } : {}),
  });
}
