import type { QueueDatabase } from '@repro/job-queue';

/**
 * Run `work` while holding a session-level advisory lock on `key` (on one connection of the job
 * database), so that jobs for the same key never run at once on any worker. Waits by polling
 * `pg_try_advisory_lock` (abortable); the lock goes with the connection if the process dies.
 */
export async function withAdvisoryKeyLock<T>(db: QueueDatabase, key: string, signal: AbortSignal, work: () => Promise<T>, pollMs = 1000): Promise<T> {
  const client = await db.pool.connect();
  let broken: Error | undefined;
  try {
    for (;;) {
      signal.throwIfAborted();
      const { rows } = await client.query('select pg_try_advisory_lock(hashtext($1)) as locked', [key]);
      if (rows[0]?.locked === true) break;
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
    try {
      return await work();
    } finally {
      await client.query('select pg_advisory_unlock(hashtext($1))', [key]).catch((error: Error) => {
        broken = error;
      });
    }
  } catch (error) {
    broken ??= error instanceof Error && /terminat|connection/i.test(error.message) ? error : undefined;
    throw error;
  } finally {
    client.release(broken);
  }
}
