import { PgBoss } from 'pg-boss';
import { findJobById, listJobRecords, UUID_PATTERN } from './find-queue-jobs.js';
import { type JobInputs, parseJobPayload } from './job-payloads.js';
import { ALL_QUEUE_NAMES, DEFAULT_QUEUE_SCHEMA, FINAL_JOB_STATES, type JobQueue, type JobState } from './job-queues.js';
import { type JobSummary, type JobView, jobSummaryFromRecord, jobViewFromRecord } from './job-view.js';
import { QueueDatabase } from './queue-database.js';
import {
  InvalidJobIdError,
  JobNotFoundError,
  JobWaitTimeoutError,
  QueueSchemaMissingError,
  QueueSchemaVersionError,
  QueueTimeoutError,
  QueueUnavailableError,
} from './queue-errors.js';
import { startJobQueue } from './start-job-queue.js';
import { withDeadline } from './with-deadline.js';

/** Default deadlines of the client: connecting (the first `select 1`) and each call (submit, find, list). */
export const DEFAULT_CLIENT_TIMEOUTS = { connectTimeoutMs: 5_000, callTimeoutMs: 30_000 } as const;

/** Per call: a deadline (default the client's `callTimeoutMs`) and an AbortSignal. */
export interface QueueCallOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface JobQueueClientOptions {
  databaseUrl: string;
  /** pg-boss schema (default `pgboss`; the worker reads the same `REPRO_QUEUE_SCHEMA`). */
  schema?: string;
  /** Deadline of connecting (default 5 s): QueueUnavailableError after it. */
  connectTimeoutMs?: number;
  /** Deadline of every later call (default 30 s): QueueTimeoutError after it. */
  callTimeoutMs?: number;
  /** Aborts the connect. */
  signal?: AbortSignal;
}

export interface ListJobsOptions extends QueueCallOptions {
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
  /** Aborts the wait (rejects with the signal's reason), including a poll in progress. */
  signal?: AbortSignal;
  /** Deadline of each poll (default the client's `callTimeoutMs`). */
  callTimeoutMs?: number;
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

  private constructor(
    readonly db: QueueDatabase,
    readonly callTimeoutMs: number,
  ) {}

  /**
   * Connects (one `select 1`) and fails fast with `QueueUnavailableError` when the database is unreachable
   * or does not answer within `connectTimeoutMs`. A URL that is not postgres:// / postgresql://, or has a
   * port out of range, is refused with `QueueUrlError` before any lookup or connection.
   */
  static async open(options: JobQueueClientOptions): Promise<JobQueueClient> {
    const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CLIENT_TIMEOUTS.connectTimeoutMs;
    const callTimeoutMs = options.callTimeoutMs ?? DEFAULT_CLIENT_TIMEOUTS.callTimeoutMs;
    const db = new QueueDatabase({
      databaseUrl: options.databaseUrl,
      schema: options.schema ?? DEFAULT_QUEUE_SCHEMA,
      applicationName: 'repro-jobs-client',
      maxConnections: 2,
      connectTimeoutMs,
      statementTimeoutMs: callTimeoutMs,
      queryTimeoutMs: callTimeoutMs + 1000,
    });
    try {
      await db.ping({ timeoutMs: connectTimeoutMs, ...(options.signal ? { signal: options.signal } : {}) });
    } catch (error) {
      void db.close();
      throw error;
    }
    return new JobQueueClient(db, callTimeoutMs);
  }

  /** `work` under the call's deadline and signal; database failures become QueueUnavailableError. */
  async #call<T>(operation: string, options: QueueCallOptions, work: () => Promise<T>): Promise<T> {
    try {
      return await withDeadline(work, {
        where: this.db.where,
        operation,
        timeoutMs: options.timeoutMs ?? this.callTimeoutMs,
        ...(options.signal ? { signal: options.signal } : {}),
      });
    } catch (error) {
      if (options.signal?.aborted && error === options.signal.reason) throw error;
      if (
        error instanceof JobNotFoundError ||
        error instanceof QueueUnavailableError ||
        error instanceof QueueSchemaVersionError ||
        error instanceof QueueSchemaMissingError ||
        error instanceof QueueTimeoutError
      )
        throw error;
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
  async submit<Q extends JobQueue>(queue: Q, input: JobInputs[Q], options: QueueCallOptions = {}): Promise<{ job_id: string }> {
    const payload = parseJobPayload(queue, input);
    return this.#call(`submit ${queue}`, options, async () => {
      const id = await (await this.#started()).send(queue, payload as object);
      if (id === null) throw new Error(`pg-boss did not queue the ${queue} job`);
      return { job_id: id };
    });
  }

  /**
   * `{id, queue, state, result?, error?}`; `JobNotFoundError` when no job has that id;
   * `QueueSchemaMissingError` when the database holds no job queue in the schema.
   */
  async getJob(id: string, options: QueueCallOptions = {}): Promise<JobView> {
    if (!UUID_PATTERN.test(id)) throw new InvalidJobIdError(id);
    return this.#call('find job', options, async () => {
      if (!(await this.#installed())) throw new QueueSchemaMissingError(this.db.where, this.db.schema);
      const job = await findJobById(await this.#started(), ALL_QUEUE_NAMES, id.toLowerCase());
      if (job === null) throw new JobNotFoundError(id);
      return jobViewFromRecord(job);
    });
  }

  /**
   * Newest first, across every queue (or one); finished jobs until pg-boss's retention removes them.
   * `QueueSchemaMissingError` when the database holds no job queue in the schema (never "no jobs").
   */
  async listJobs(options: ListJobsOptions = {}): Promise<JobSummary[]> {
    return this.#call('list jobs', options, async () => {
      if (!(await this.#installed())) throw new QueueSchemaMissingError(this.db.where, this.db.schema);
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
      const job = await this.getJob(id, { ...(options.signal ? { signal: options.signal } : {}), ...(options.callTimeoutMs === undefined ? {} : { timeoutMs: options.callTimeoutMs }) });
      if (job.state !== last) options.onState?.(job.state);
      last = job.state;
      if (FINAL_JOB_STATES.includes(job.state)) return job;
      const left = options.timeoutMs === undefined ? pollMs : options.timeoutMs - (Date.now() - started);
      if (left <= 0) throw new JobWaitTimeoutError(id, job.state, options.timeoutMs!);
      await sleep(Math.min(pollMs, left), options.signal);
    }
  }

  /** Stops pg-boss and closes the pool; bounded by `timeoutMs` (default 5 s) when the database does not answer. */
  async close(timeoutMs = 5_000): Promise<void> {
    const closing = (async () => {
      const boss = await this.#boss?.catch(() => null);
      await boss?.stop({ graceful: false, close: false }).catch(() => undefined);
      await this.db.close();
    })();
    await withDeadline(() => closing, { where: this.db.where, operation: 'close', timeoutMs }).catch(() => undefined);
  }
}
