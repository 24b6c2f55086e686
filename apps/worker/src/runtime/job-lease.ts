import type { QueueDatabase } from '@repro/job-queue';
import type { JobWithMetadata, PgBoss } from 'pg-boss';

export type FailedState = 'retry' | 'failed';

/** How many rows a pg-boss 12 command changed (its `CommandResponse` carries `affected` at run time). */
function affected(response: unknown): number {
  const count = (response as { affected?: unknown } | null)?.affected;
  return typeof count === 'number' ? count : 0;
}

/**
 * A claimed job, through pg-boss 12's public API only, every write fenced to *this attempt*: pg-boss's
 * `complete`, `fail`, `cancel` and `touch` take `{id, retryCount}` and change nothing once the job was
 * retried or its claim lapsed, so a worker that lost its lease can never complete or fail the new
 * owner's attempt.
 *
 * The lease is pg-boss 12's heartbeat: the queues carry `heartbeatSeconds` (= `lease_s`), `renew` is
 * `touch`, and pg-boss's supervision fails an active job whose heartbeat is older than that into retry
 * (a SIGKILLed worker's job is claimed again by another worker, and that counts as an attempt).
 */
export class JobLease {
  readonly attempt: { id: string; retryCount: number };

  constructor(
    private readonly db: QueueDatabase,
    private readonly boss: PgBoss,
    readonly queue: string,
    private readonly job: Pick<JobWithMetadata<unknown>, 'id' | 'retryCount' | 'retryLimit'>,
  ) {
    this.attempt = { id: job.id, retryCount: job.retryCount };
  }

  /** Send a heartbeat. false: the job is no longer ours (expired, cancelled, reclaimed). */
  async renew(): Promise<boolean> {
    return affected(await this.boss.touch(this.queue, this.attempt)) === 1;
  }

  /** Store the result and mark the job completed. false: not ours any more (nothing written). */
  async complete(output: object): Promise<boolean> {
    return affected(await this.boss.complete(this.queue, this.attempt, output)) === 1;
  }

  /**
   * Fail this attempt. pg-boss retries it after its backoff while retries remain, else fails it and
   * copies it to the dead-letter queue. `permanent`: failed now and dead-lettered, never retried — in one
   * transaction, the fenced `fail` puts it in `retry`, `update` sets its `retryLimit` to the attempts
   * it used, and a second `fail` makes that final (pg-boss then dead-letters it).
   * Returns the state the job is in, or null when it was not ours any more.
   */
  async fail(error: object, options: { permanent: boolean }): Promise<FailedState | null> {
    return this.db.transaction(async (tx) => {
      if (affected(await this.boss.fail(this.queue, this.attempt, error, { db: tx })) !== 1) return null;
      const find = async () => (await this.boss.findJobs<unknown>(this.queue, { id: this.job.id, db: tx }))[0];
      let job = await find();
      if (options.permanent && job?.state === 'retry') {
        await this.boss.update({ name: this.queue, options: { id: this.job.id, retryLimit: job.retryCount, db: tx } });
        await this.boss.fail(this.queue, this.job.id, error, { db: tx });
        job = await find();
      }
      return (job?.state as FailedState | undefined) ?? null;
    });
  }

  /**
   * Give the job back without using up an attempt (shutdown), claimable again at once. In one
   * transaction: the fenced `cancel` (false when the job is no longer ours), `resume` (state `created`),
   * and `update` raising its `retryLimit` by one, because pg-boss 12 counts every claim after the first
   * (`retry_count` + 1 on the next fetch): the job keeps every retry it had.
   */
  async release(): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      if (affected(await this.boss.cancel(this.queue, this.attempt, { db: tx })) !== 1) return false;
      await this.boss.resume(this.queue, this.job.id, { db: tx });
      await this.boss.update({ name: this.queue, options: { id: this.job.id, retryLimit: this.job.retryLimit + 1, db: tx } });
      return true;
    });
  }
}
