import { isConnectionFailure } from '@repro/canonical-provenance';
import { backoffDelayMs, type RetryPolicy } from '@repro/s43-transport';

/** Backoff between write attempts: 250 ms doubling to 5 s (jittered); the deadline, not a count, ends it. */
const WRITE_BACKOFF: RetryPolicy = { maxAttempts: Number.POSITIVE_INFINITY, baseDelayMs: 250, maxDelayMs: 5000 };

/**
 * Run a final write (complete / fail / release) again while the database is unreachable, for up to
 * `deadlineMs` (the lease: past it the job is retried elsewhere anyway, and writes are idempotent).
 */
export async function retryDatabaseWrite<T>(write: () => Promise<T>, options: { deadlineMs: number; onRetry?: (error: unknown, attempt: number) => void }): Promise<T> {
  const started = Date.now();
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await write();
    } catch (error) {
      if (!isConnectionFailure(error) || Date.now() - started > options.deadlineMs) throw error;
      options.onRetry?.(error, attempt);
      await new Promise((r) => setTimeout(r, backoffDelayMs(attempt, WRITE_BACKOFF, Math.random())));
    }
  }
}
