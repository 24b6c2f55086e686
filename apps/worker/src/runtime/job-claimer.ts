import type { JobQueue } from '@repro/job-queue';
import type { PgBoss } from 'pg-boss';
import type { ClaimedJob, RunningJob } from './run-claimed-job.js';

export interface JobClaimerOptions {
  boss: PgBoss;
  queues: readonly JobQueue[];
  /** Jobs running at once, across all queues. */
  concurrency: number;
  pollIntervalMs: number;
  /** Is the database reachable (false: poll 5× slower)? */
  databaseUp: () => boolean | null;
  start: (job: ClaimedJob) => RunningJob;
}

/**
 * The claim loop: while a slot is free, claim the oldest waiting job (pg-boss `fetch`: `FOR UPDATE SKIP
 * LOCKED`, so concurrent workers never claim the same job), taking the queues in turn; poll when all
 * are empty. Claiming stops on `stop()`; running jobs are left to the caller.
 */
export class JobClaimer {
  readonly running = new Map<string, RunningJob>();
  #stopped = false;
  #wake: (() => void) | null = null;
  #loop: Promise<void> | null = null;
  #next = 0;

  constructor(private readonly options: JobClaimerOptions) {}

  start(): void {
    this.#loop ??= this.#run();
  }

  /** Stop claiming; resolves once the loop has exited (jobs keep running). */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#wake?.();
    await this.#loop;
  }

  #sleep(ms: number, wakeOnSlot: boolean): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = done;
      if (wakeOnSlot) for (const job of this.running.values()) job.done.then(done, done);
    });
  }

  async #claimOne(): Promise<ClaimedJob | null> {
    const { queues, boss } = this.options;
    for (let i = 0; i < queues.length && !this.#stopped; i += 1) {
      const queue = queues[(this.#next + i) % queues.length]!;
      const [job] = await boss.fetch<unknown>(queue, { batchSize: 1, includeMetadata: true });
      if (job) {
        this.#next = (this.#next + i + 1) % queues.length;
        return job;
      }
    }
    return null;
  }

  async #run(): Promise<void> {
    while (!this.#stopped) {
      if (this.running.size >= this.options.concurrency) {
        await this.#sleep(60_000, true);
        continue;
      }
      let job: ClaimedJob | null = null;
      try {
        job = await this.#claimOne();
      } catch {
        job = null; // pg-boss swallows fetch errors itself; anything else: treat as nothing to claim
      }
      if (job === null) {
        const slow = this.options.databaseUp() === false ? 5 : 1;
        await this.#sleep(this.options.pollIntervalMs * slow, false);
        continue;
      }
      const running = this.options.start(job);
      this.running.set(running.id, running);
      running.done.finally(() => {
        this.running.delete(running.id);
      });
    }
  }
}
