import type PgBoss from 'pg-boss';
import type { ExecuteSql, QueueDatabase } from '../queue/queue-database.js';

export type FailedState = 'retry' | 'failed';

/**
 * A claimed job, fenced by the claim's `started_on`: every write below happens only while the job is
 * still active *under this claim*. If the lease lapsed and another worker claimed the job again, a late
 * write from this worker changes nothing (no double completion, no stolen failure).
 *
 * pg-boss 10 has no heartbeat: it expires an active job once `started_on + expire_in` is past (its
 * maintenance then fails it into retry). `renew` pushes `expire_in` forward, so `expire_in` acts as a
 * lease: a worker that dies (SIGKILL, lost machine) stops renewing and its job is retried by another
 * worker within about `leaseSeconds` + the maintenance interval. This touches pg-boss 10's `job` table
 * directly (columns name, id, state, started_on, expire_in, retry_limit, retry_count, start_after);
 * completion and failure still go through pg-boss (`complete`, `fail`: retries, backoff, dead letter).
 */
export class JobLease {
  readonly #fence: string;
  readonly #table: string;

  constructor(
    private readonly db: QueueDatabase,
    private readonly boss: PgBoss,
    readonly queue: string,
    readonly jobId: string,
    startedOn: Date,
  ) {
    this.#table = `"${db.schema}".job`;
    this.#fence = `name = $1 and id = $2 and state = 'active' and date_trunc('milliseconds', started_on) = $3::timestamptz`;
    this.startedOn = startedOn;
  }

  readonly startedOn: Date;

  #params(): unknown[] {
    return [this.queue, this.jobId, this.startedOn.toISOString()];
  }

  /** Extend the lease to `leaseSeconds` from now. false: the job is no longer ours (expired, cancelled, reclaimed). */
  async renew(leaseSeconds: number): Promise<boolean> {
    const { rowCount } = await this.db.executeSql(
      `update ${this.#table} set expire_in = (now() - started_on) + make_interval(secs => $4) where ${this.#fence}`,
      [...this.#params(), leaseSeconds],
    );
    return rowCount === 1;
  }

  async #lock(tx: ExecuteSql): Promise<boolean> {
    const { rows } = await tx.executeSql(`select 1 from ${this.#table} where ${this.#fence} for update`, this.#params());
    return rows.length === 1;
  }

  /** Store the result and mark the job completed. false: not ours any more (nothing written). */
  async complete(output: object): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      if (!(await this.#lock(tx))) return false;
      await this.boss.complete(this.queue, this.jobId, output, { db: tx });
      return true;
    });
  }

  /**
   * Fail this attempt. pg-boss retries it after its backoff while retries remain, else fails it and
   * copies it to the dead-letter queue. `permanent` uses up the retries first: failed now, never retried.
   * Returns the state the job is in, or null when it was not ours any more.
   */
  async fail(error: object, options: { permanent: boolean }): Promise<FailedState | null> {
    return this.db.transaction(async (tx) => {
      if (!(await this.#lock(tx))) return null;
      if (options.permanent) await tx.executeSql(`update ${this.#table} set retry_limit = retry_count where ${this.#fence}`, this.#params());
      await this.boss.fail(this.queue, this.jobId, error, { db: tx });
      const { rows } = await tx.executeSql(`select state::text as state from ${this.#table} where name = $1 and id = $2`, [this.queue, this.jobId]);
      return (rows[0]?.state as FailedState | undefined) ?? null;
    });
  }

  /**
   * Give the job back without counting an attempt (shutdown): it is claimable again at once, and its
   * retry count is unchanged (pg-boss counts a retry only for a job that has a `started_on`).
   */
  async release(): Promise<boolean> {
    const { rowCount } = await this.db.executeSql(
      `update ${this.#table} set state = 'created', started_on = null, start_after = now() where ${this.#fence}`,
      this.#params(),
    );
    return rowCount === 1;
  }
}
