import type { JobState } from '../queue/job-queues.js';

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

export interface JobRow {
  id: string;
  name: string;
  state: JobState;
  data: unknown;
  output: unknown;
  retry_count: number;
  created_on: Date;
  completed_on: Date | null;
}

/** pg-boss stores non-object outputs and its own timeout failures as `{value: …}`. */
function errorFromOutput(output: unknown): JobErrorView {
  if (output !== null && typeof output === 'object') {
    const record = output as Record<string, unknown>;
    if (typeof record.message === 'string') return record as JobErrorView;
    const value = record.value;
    if (value !== null && typeof value === 'object' && typeof (value as Record<string, unknown>).message === 'string') {
      const inner = value as Record<string, unknown>;
      return { message: String(inner.message), kind: inner.message === 'job failed by timeout in active state' ? 'lease_expired' : 'error' };
    }
    if (typeof value === 'string') return { message: value };
  }
  return { message: output === null || output === undefined ? 'failed (no reason recorded)' : JSON.stringify(output) };
}

export function jobViewFromRow(row: JobRow): JobView {
  const view: JobView = { id: row.id, queue: row.name, state: row.state };
  if (row.state === 'completed' && row.output !== null && row.output !== undefined) view.result = row.output;
  if ((row.state === 'failed' || row.state === 'retry') && row.output !== null && row.output !== undefined) view.error = errorFromOutput(row.output);
  if (row.state === 'failed' && view.error === undefined) view.error = errorFromOutput(null);
  return view;
}

export function jobSummaryFromRow(row: JobRow): JobSummary {
  return {
    id: row.id,
    queue: row.name,
    state: row.state,
    created_on: new Date(row.created_on).toISOString(),
    completed_on: row.completed_on === null ? null : new Date(row.completed_on).toISOString(),
    retry_count: row.retry_count,
    payload: row.data,
  };
}
