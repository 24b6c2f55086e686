import type { ReplayEventSink } from './replay-events.js';
import type { ReplayOutcome } from './replay-outcome.js';
import type { ReplaySpec } from './replay-spec.js';
import { ReplaySpecError } from './replay-spec-error.js';
import { runReplay } from './run-replay.js';

export interface RunManyProgress {
  /** Replays finished so far (successful or not). */
  readonly done: number;
  readonly total: number;
  readonly failed: number;
  /** The replay that just finished. */
  readonly last: ReplayOutcome;
}

export interface RunManyOptions {
  /** Replays at once (default 1: sequential, as an eps_prod measurement should not co-schedule runs). */
  readonly concurrency?: number;
  /** Called after each replay finishes, in completion order (drive a progress bar from it). */
  readonly onProgress?: (progress: RunManyProgress) => void;
  readonly signal?: AbortSignal;
  readonly emit?: ReplayEventSink;
  /** The label of the i-th (0-based) replay (default `run-${i + 1}`). */
  readonly labelOf?: (index: number) => string;
}

/**
 * `n` replays of the same spec (labels `run-1` … `run-n`), e.g. the un-capped production runs of an
 * eps_prod envelope. Returns every outcome in run order; failures are data. On abort, every running
 * group is gone before the call rejects.
 * @throws ReplaySpecError on a malformed spec or n/concurrency; ReplayAbortedError when `signal` aborts.
 */
export async function runMany(spec: ReplaySpec, n: number, options: RunManyOptions = {}): Promise<ReplayOutcome[]> {
  if (!Number.isSafeInteger(n) || n < 1) throw new ReplaySpecError('n', `must be a positive integer, got ${JSON.stringify(n)}`);
  const concurrency = options.concurrency ?? 1;
  if (!Number.isSafeInteger(concurrency) || concurrency < 1) {
    throw new ReplaySpecError('concurrency', `must be a positive integer, got ${JSON.stringify(concurrency)}`);
  }
  const outcomes: ReplayOutcome[] = new Array(n);
  let next = 0;
  let done = 0;
  let failed = 0;
  let firstError: unknown = null;
  const worker = async () => {
    while (next < n && firstError === null) {
      const index = next;
      next += 1;
      try {
        const outcome = await runReplay(spec, {
          label: options.labelOf ? options.labelOf(index) : `run-${index + 1}`,
          ...(options.signal ? { signal: options.signal } : {}),
          ...(options.emit ? { emit: options.emit } : {}),
        });
        outcomes[index] = outcome;
        done += 1;
        if (!outcome.ok) failed += 1;
        options.onProgress?.({ done, total: n, failed, last: outcome });
      } catch (error) {
        firstError ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, worker));
  if (firstError !== null) throw firstError;
  return outcomes;
}
