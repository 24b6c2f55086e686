import type { JobState } from './job-queues.js';

/** What `repro jobs show` prints: `{id, queue, state, result?, error?}`. */
export interface JobView {
  id: string;
  queue: string;
  state: JobState;
  /** The job's result, once completed. */
  result?: unknown;
  /** Why it failed (state `failed`), or why the last attempt failed (state `retry`). */
  error?: JobErrorView;
}

/** A job's error as stored: always a `message`, and for our own failures a `kind` (and a `field`). */
export interface JobErrorView {
  message: string;
  kind?: string;
  [key: string]: unknown;
}

/** One row of `repro jobs list`. */
export interface JobSummary {
  id: string;
  queue: string;
  state: JobState;
  created_on: string;
  completed_on: string | null;
  retry_count: number;
  /** The job's payload (cell, metric, profile, run_id…: never a secret, jobs carry none). */
  payload: unknown;
}

/** The fields of a pg-boss 12 job (as `findJobs` returns it) a view is made of. */
export interface JobRecord {
  id: string;
  name: string;
  state: JobState;
  data: unknown;
  output: unknown;
  retryCount: number;
  createdOn: Date | string;
  completedOn: Date | string | null;
}

/** pg-boss's own failures (heartbeat lost, expired, shut down) are stored as `{value: {message}}` or a serialized Error. */
const PG_BOSS_FAILURES: Record<string, string> = {
  'job heartbeat timeout': 'lease_expired',
  'job timed out': 'attempt_timed_out',
  'job failed by timeout in active state': 'lease_expired',
};

function errorFromOutput(output: unknown): JobErrorView {
  if (output !== null && typeof output === 'object') {
    const record = output as Record<string, unknown>;
    if (typeof record.message === 'string') return record as JobErrorView;
    const value = record.value;
    if (value !== null && typeof value === 'object' && typeof (value as Record<string, unknown>).message === 'string') {
      const message = String((value as Record<string, unknown>).message);
      return { message, kind: PG_BOSS_FAILURES[message] ?? 'error' };
    }
    if (typeof value === 'string') return { message: value, kind: PG_BOSS_FAILURES[value] ?? 'error' };
  }
  return { message: output === null || output === undefined ? 'failed (no reason recorded)' : JSON.stringify(output) };
}

export function jobViewFromRecord(job: JobRecord): JobView {
  const view: JobView = { id: job.id, queue: job.name, state: job.state };
  const output = job.output;
  if (job.state === 'completed' && output !== null && output !== undefined) view.result = output;
  if ((job.state === 'failed' || job.state === 'retry') && output !== null && output !== undefined) view.error = errorFromOutput(output);
  if (job.state === 'failed' && view.error === undefined) view.error = errorFromOutput(null);
  return view;
}

export function jobSummaryFromRecord(job: JobRecord): JobSummary {
  return {
    id: job.id,
    queue: job.name,
    state: job.state,
    created_on: new Date(job.createdOn).toISOString(),
    completed_on: job.completedOn === null ? null : new Date(job.completedOn).toISOString(),
    retry_count: job.retryCount,
    payload: job.data,
  };
}
