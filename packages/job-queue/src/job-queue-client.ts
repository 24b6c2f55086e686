import { PgBoss } from 'pg-boss';
import { findJobById, listJobRecords, UUID_PATTERN } from './find-queue-jobs.js';
import { type JobInputs, parseJobPayload } from './job-payloads.js';
import { ALL_QUEUE_NAMES, DEFAULT_QUEUE_SCHEMA, FINAL_JOB_STATES, type JobQueue, type JobState } from './job-queues.js';
import { type JobSummary, type JobView, jobSummaryFromRecord, jobViewFromRecord } from './job-view.js';
import { QueueDatabase } from './queue-database.js';
import { InvalidJobIdError, JobNotFoundError, JobWaitTimeoutError, QueueSchemaVersionError, QueueUnavailableError } from './queue-errors.js';
import { startJobQueue } from './start-job-queue.js';

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
  /** pg-boss, started once however many calls race for it (a failed start is retried by the next call). */
  #boss: Promise<PgBoss> | null = null;

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
      if (error instanceof JobNotFoundError || error instanceof QueueUnavailableError || error instanceof QueueSchemaVersionError) throw error;
      if (error instanceof Error && error.name === 'AssertionError') throw error;
      throw new QueueUnavailableError(this.db.where, error instanceof Error ? error.message : String(error));
    }
  }

  /** pg-boss started on the queue schema (installed or migrated on first use; a pg-boss 10 schema is refused). */
  async #started(): Promise<PgBoss> {
    this.#boss ??= startJobQueue(this.db, { supervise: false }).catch((error: unknown) => {
      this.#boss = null;
      throw error;
    });
    return this.#boss;
  }

  /** Is pg-boss installed in the queue schema? Asked without installing it (a lookup never creates the schema). */
  async #installed(): Promise<boolean> {
    if (this.#boss) return true;
    return new PgBoss({ db: this.db, schema: this.db.schema, supervise: false, schedule: false, migrate: false }).isInstalled();
  }

  /** Validate and queue a job; installs pg-boss's schema and the queues on first use. */
  async submit<Q extends JobQueue>(queue: Q, input: JobInputs[Q]): Promise<{ job_id: string }> {
    const payload = parseJobPayload(queue, input);
    return this.#unavailable(async () => {
      const id = await (await this.#started()).send(queue, payload as object);
      if (id === null) throw new Error(`pg-boss did not queue the ${queue} job`);
      return { job_id: id };
    });
  }

  /** `{id, queue, state, result?, error?}`; `JobNotFoundError` when no job has that id. */
  async getJob(id: string): Promise<JobView> {
    if (!UUID_PATTERN.test(id)) throw new InvalidJobIdError(id);
    return this.#unavailable(async () => {
      if (!(await this.#installed())) throw new JobNotFoundError(id);
      const job = await findJobById(await this.#started(), ALL_QUEUE_NAMES, id.toLowerCase());
      if (job === null) throw new JobNotFoundError(id);
      return jobViewFromRecord(job);
    });
  }

  /** Newest first, across every queue (or one); finished jobs until pg-boss's retention removes them. */
  async listJobs(options: ListJobsOptions = {}): Promise<JobSummary[]> {
    return this.#unavailable(async () => {
      if (!(await this.#installed())) return [];
      const queues = options.queue === undefined ? [...ALL_QUEUE_NAMES] : [options.queue];
      const boss = await this.#started();
      const known = (await boss.getQueues(queues)).map((q) => q.name);
      const jobs = await listJobRecords(boss, { queues: known, ...(options.state ? { state: options.state } : {}), limit: options.limit ?? 50 });
      return jobs.map(jobSummaryFromRecord);
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
    const boss = await this.#boss?.catch(() => null);
    await boss?.stop({ graceful: false, close: false }).catch(() => undefined);
    await this.db.close();
  }
}
