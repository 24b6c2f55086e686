import type { QueueDatabase } from '@repro/job-queue';
import { InvalidJobPayloadError } from '@repro/job-queue';
import type { SecretRedactor } from '@repro/replay-runner';
import type { JobWithMetadata, PgBoss } from 'pg-boss';
import type { JobContext } from '../jobs/job-context.js';
import { PermanentJobError } from '../jobs/permanent-job-error.js';
import { logEvent, type WorkerLogger } from '../log/worker-logger.js';
import type { JobOutcome, WorkerMetrics } from '../metrics/worker-metrics.js';
import { abortReason, JobAbort } from './job-abort.js';
import { JobLease } from './job-lease.js';
import { retryDatabaseWrite } from './retry-database-write.js';
import { raceAbort } from './settle-within.js';

/**
 * After a job's signal fires, how long its handler may take to end itself (kill its replays, see its store
 * calls fail) before the job is given back or left anyway: a handler stuck in a call that ignores the
 * signal cannot hold the worker.
 */
export const ABORT_SETTLE_MS = 5_000;

export type ClaimedJob = JobWithMetadata<unknown>;

/** Runs a job's payload; its return value is the job's result. Throw PermanentJobError to fail for good. */
export type JobHandler = (data: unknown, ctx: JobContext) => Promise<object>;

export interface RunClaimedJobDeps {
  db: QueueDatabase;
  boss: PgBoss;
  log: WorkerLogger;
  metrics: WorkerMetrics;
  redactor: SecretRedactor;
  leaseSeconds: number;
  handler: JobHandler;
}

/** A running job: abort it (shutdown), await it. */
export interface RunningJob {
  id: string;
  queue: string;
  abort(reason: JobAbort): void;
  done: Promise<JobOutcome>;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function cellOf(data: unknown): string | undefined {
  const cell = (data as { cell?: unknown } | null)?.cell ?? (data as { run_id?: unknown } | null)?.run_id;
  return typeof cell === 'string' ? cell : undefined;
}

/**
 * Run one claimed job to its end: renew the lease while it runs, then complete it, fail it (retryable or
 * permanent), or give it back (shutdown). Never throws: every path ends in a logged outcome.
 */
export function runClaimedJob(job: ClaimedJob, deps: RunClaimedJobDeps): RunningJob {
  const queue = job.name;
  const controller = new AbortController();
  const cell = cellOf(job.data);
  const log = deps.log.child({ job_id: job.id, queue, ...(cell === undefined ? {} : { cell }) });
  const lease = new JobLease(deps.db, deps.boss, queue, job);
  const started = performance.now();
  let replays = 0;
  const ctx: JobContext = {
    jobId: job.id,
    queue,
    retryCount: job.retryCount,
    signal: controller.signal,
    log,
    emit: (event) => {
      if (event.event === 'replay_started') {
        replays += 1;
        deps.metrics.replaysInFlight.inc();
      } else if ((event.event === 'replay_finished' || event.event === 'replay_failed') && replays > 0) {
        replays -= 1;
        deps.metrics.replaysInFlight.dec();
      }
      logEvent(log, event);
    },
  };

  const heartbeat = setInterval(
    () => {
      lease.renew().then(
        (ours) => {
          if (!ours && !controller.signal.aborted) controller.abort(new JobAbort('lease_lost'));
        },
        (error) => log.warn({ event: 'job_lease_renew_failed', message: errorMessage(error) }),
      );
    },
    Math.max(250, (deps.leaseSeconds * 1000) / 4),
  );
  heartbeat.unref();

  const write = <T>(what: string, op: () => Promise<T>) =>
    retryDatabaseWrite(op, {
      // giving a job back at shutdown must not outlast the shutdown margin; the lease covers the rest
      deadlineMs: controller.signal.aborted ? ABORT_SETTLE_MS : deps.leaseSeconds * 1000,
      onRetry: (error, attempt) => log.warn({ event: 'job_write_retry', write: what, attempt, message: errorMessage(error) }),
    });

  async function finish(): Promise<JobOutcome> {
    deps.metrics.jobsInFlight.inc({ queue });
    log.info({ event: 'job_claimed', retry_count: job.retryCount, retry_limit: job.retryLimit });
    let result: object;
    try {
      result = await raceAbort(deps.handler(job.data, ctx), controller.signal, ABORT_SETTLE_MS);
    } catch (error) {
      const aborted = abortReason(controller.signal);
      if (aborted?.why === 'lease_lost') {
        log.warn({ event: 'job_lease_lost', message: aborted.message });
        return 'lease_lost';
      }
      if (aborted?.why === 'shutdown') {
        const released = await write('release', () => lease.release());
        log.warn({ event: 'job_released', released, message: aborted.message });
        return released ? 'released' : 'lease_lost';
      }
      const permanent = error instanceof PermanentJobError || error instanceof InvalidJobPayloadError;
      const reason = deps.redactor.redact(
        error instanceof PermanentJobError
          ? { kind: error.kind, message: error.message, ...(error.field === undefined ? {} : { field: error.field }) }
          : error instanceof InvalidJobPayloadError
            ? { kind: 'invalid_payload', message: error.message, field: error.field }
            : { kind: 'error', message: errorMessage(error) },
      );
      const state = await write('fail', () => lease.fail(reason, { permanent }));
      if (state === null) {
        log.warn({ event: 'job_lease_lost', message: 'the job was no longer ours when it failed' });
        return 'lease_lost';
      }
      log.error({ event: 'job_failed', state, permanent, error: reason });
      return permanent ? 'failed_permanent' : 'failed_retryable';
    }
    const output = deps.redactor.redact(result);
    const completed = await write('complete', () => lease.complete(output));
    if (!completed) {
      log.warn({ event: 'job_lease_lost', message: 'the job was no longer ours when it completed (its writes are keyed by job id)' });
      return 'lease_lost';
    }
    log.info({ event: 'job_completed', duration_ms: Math.round(performance.now() - started) });
    return 'completed';
  }

  const done = finish()
    .catch((error): JobOutcome => {
      // A final write failed for good (database gone past the lease): the job expires and is retried.
      log.error({ event: 'job_write_failed', message: errorMessage(error) });
      return 'lease_lost';
    })
    .then((outcome) => {
      clearInterval(heartbeat);
      if (replays > 0) deps.metrics.replaysInFlight.dec(replays);
      deps.metrics.jobsInFlight.dec({ queue });
      deps.metrics.jobs.inc({ queue, outcome });
      deps.metrics.jobDuration.observe({ queue, outcome }, (performance.now() - started) / 1000);
      return outcome;
    });

  return {
    id: job.id,
    queue,
    abort: (reason) => {
      if (!controller.signal.aborted) controller.abort(reason);
    },
    done,
  };
}
