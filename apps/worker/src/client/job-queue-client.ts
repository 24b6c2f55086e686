import type PgBoss from 'pg-boss';
import { type JobInputs, parseJobPayload } from '../queue/job-payloads.js';
import { ALL_QUEUE_NAMES, DEFAULT_QUEUE_SCHEMA, FINAL_JOB_STATES, type JobQueue, type JobState } from '../queue/job-queues.js';
import { selectJobById, selectJobs, UUID_PATTERN } from '../queue/job-table-queries.js';
import { QueueDatabase } from '../queue/queue-database.js';
import { InvalidJobIdError, JobNotFoundError, JobWaitTimeoutError, QueueUnavailableError } from '../queue/queue-errors.js';
import { startJobQueue } from '../queue/start-job-queue.js';
import { type JobSummary, type JobView, jobSummaryFromRow, jobViewFromRow } from './job-view.js';

export interface JobQueueClientOptions {
  databaseUrl: string;
  /** pg-boss schema (default `pgboss`; the worker reads the same `REPRO_QUEUE_SCHEMA`). */
  schema?: string;
  connectTimeoutMs?: number;
}

export interface ListJobsOptions {
  /** One queue (a job queue or a dead-letter queue such as `verdict_dead`); default every queue. */
  queue?: string;
  state?: JobState;
  /** Newest first; default 50. */
  limit?: number;
}

export interface WaitForJobOptions {
  /** Give up after this long (JobWaitTimeoutError); default: wait forever. */
  timeoutMs?: number;
  /** Poll interval, default 500 ms. */
  pollMs?: number;
  signal?: AbortSignal;
  /** Told every state the job is seen in, when it changes. */
  onState?: (state: JobState) => void;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/**
 * Submit and inspect `repro-worker` jobs (what `repro submit` and `repro jobs` use). Payloads are
 * validated here too, so a bad one is refused before it is queued. Every database failure surfaces as a
 * `QueueUnavailableError` naming host:port/database.
 */
export class JobQueueClient {
  #boss: PgBoss | null = null;

  private constructor(readonly db: QueueDatabase) {}

  /** Connects (one `select 1`) and fails fast with `QueueUnavailableError` when the database is unreachable. */
  static async open(options: JobQueueClientOptions): Promise<JobQueueClient> {
    const db = new QueueDatabase({
      databaseUrl: options.databaseUrl,
      schema: options.schema ?? DEFAULT_QUEUE_SCHEMA,
      applicationName: 'repro-jobs-client',
      maxConnections: 2,
      connectTimeoutMs: options.connectTimeoutMs ?? 5000,
    });
    try {
      await db.ping();
    } catch (error) {
      await db.close();
      throw error;
    }
    return new JobQueueClient(db);
  }

  async #unavailable<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof JobNotFoundError || error instanceof QueueUnavailableError) throw error;
      if (error instanceof Error && error.name === 'AssertionError') throw error;
      throw new QueueUnavailableError(this.db.where, error instanceof Error ? error.message : String(error));
    }
  }

  /** Validate and queue a job; installs pg-boss's schema and the queues on first use. */
  async submit<Q extends JobQueue>(queue: Q, input: JobInputs[Q]): Promise<{ job_id: string }> {
    const payload = parseJobPayload(queue, input);
    return this.#unavailable(async () => {
      this.#boss ??= await startJobQueue(this.db, { supervise: false });
      const id = await this.#boss.send(queue, payload as object);
      if (id === null) throw new Error(`pg-boss did not queue the ${queue} job`);
      return { job_id: id };
    });
  }

  /** `{id, queue, state, result?, error?}`; `JobNotFoundError` when no job has that id. */
  async getJob(id: string): Promise<JobView> {
    if (!UUID_PATTERN.test(id)) throw new InvalidJobIdError(id);
    return this.#unavailable(async () => {
      if (!(await this.db.queueInstalled())) throw new JobNotFoundError(id);
      const row = await selectJobById(this.db, this.db.schema, id.toLowerCase());
      if (row === null) throw new JobNotFoundError(id);
      return jobViewFromRow(row);
    });
  }

  async listJobs(options: ListJobsOptions = {}): Promise<JobSummary[]> {
    return this.#unavailable(async () => {
      if (!(await this.db.queueInstalled())) return [];
      const queues = options.queue === undefined ? [...ALL_QUEUE_NAMES] : [options.queue];
      const rows = await selectJobs(this.db, this.db.schema, { queues, ...(options.state ? { state: options.state } : {}), limit: options.limit ?? 50 });
      return rows.map(jobSummaryFromRow);
    });
  }

  /** Poll until the job is completed, failed or cancelled. */
  async waitForJob(id: string, options: WaitForJobOptions = {}): Promise<JobView> {
    const started = Date.now();
    const pollMs = options.pollMs ?? 500;
    let last: JobState | undefined;
    for (;;) {
      const job = await this.getJob(id);
      if (job.state !== last) options.onState?.(job.state);
      last = job.state;
      if (FINAL_JOB_STATES.includes(job.state)) return job;
      const left = options.timeoutMs === undefined ? pollMs : options.timeoutMs - (Date.now() - started);
      if (left <= 0) throw new JobWaitTimeoutError(id, job.state, options.timeoutMs!);
      await sleep(Math.min(pollMs, left), options.signal);
    }
  }

  async close(): Promise<void> {
    await this.#boss?.stop({ graceful: false, close: false }).catch(() => undefined);
    await this.db.close();
  }
}
