import { ReplayAbortedError } from './replay-aborted-error.js';
import type { ReplayEventSink } from './replay-events.js';
import type { ReplayOutcome } from './replay-outcome.js';
import type { ReplaySpec } from './replay-spec.js';
import { runReplay } from './run-replay.js';

export interface RunReplayPairOptions {
  /**
   * `parallel` (default): A and B at once — about half the wall time at about 2× CPU.
   * `sequential`: A then B — 1 CPU at a time. No determinism impact either way (both are pinned).
   */
  readonly mode?: 'parallel' | 'sequential';
  readonly signal?: AbortSignal;
  readonly emit?: ReplayEventSink;
}

export interface ReplayPair {
  readonly a: ReplayOutcome;
  readonly b: ReplayOutcome;
  readonly mode: 'parallel' | 'sequential';
}

/**
 * The two fresh replays of a verdict (labels `A` and `B`) from the same spec. Failures are in
 * `a.error` / `b.error`. On abort, both process groups are gone before the call rejects.
 * @throws ReplaySpecError on a malformed spec; ReplayAbortedError when `signal` aborts.
 */
export async function runReplayPair(spec: ReplaySpec, options: RunReplayPairOptions = {}): Promise<ReplayPair> {
  const mode = options.mode ?? 'parallel';
  const common = {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.emit ? { emit: options.emit } : {}),
  };
  if (mode === 'sequential') {
    const a = await runReplay(spec, { ...common, label: 'A' });
    const b = await runReplay(spec, { ...common, label: 'B' });
    return { a, b, mode };
  }
  const [a, b] = await Promise.allSettled([
    runReplay(spec, { ...common, label: 'A' }),
    runReplay(spec, { ...common, label: 'B' }),
  ]);
  for (const settled of [a, b]) {
    if (settled.status === 'rejected' && settled.reason instanceof ReplayAbortedError) throw settled.reason;
  }
  for (const settled of [a, b]) if (settled.status === 'rejected') throw settled.reason;
  return { a: (a as PromiseFulfilledResult<ReplayOutcome>).value, b: (b as PromiseFulfilledResult<ReplayOutcome>).value, mode };
}
