import { isConnectionError } from '@repro/job-queue';

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
      if (!isConnectionError(error) || Date.now() - started > options.deadlineMs) throw error;
      options.onRetry?.(error, attempt);
      await new Promise((r) => setTimeout(r, Math.min(5000, 250 * 2 ** Math.min(attempt, 5))));
    }
  }
}
