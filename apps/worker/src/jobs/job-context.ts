import type { WorkerLogEvent, WorkerLogger } from '../log/worker-logger.js';

/** What a job handler gets besides its payload. */
export interface JobContext {
  jobId: string;
  queue: string;
  /** 0 for the first attempt. */
  retryCount: number;
  /** Aborted at shutdown (after the grace period) or when the lease is lost: stop, kill the replays. */
  signal: AbortSignal;
  /** The job's logger (job_id, queue, cell bound). */
  log: WorkerLogger;
  /** Log a library event on the job's logger (and count replays in flight). */
  emit(event: WorkerLogEvent): void;
}
