import { describe, expect, it } from 'vitest';
import { type JobRecord, jobSummaryFromRecord, jobViewFromRecord } from './job-view.js';

const record = (state: JobRecord['state'], output: unknown): JobRecord => ({
  id: '00000000-0000-4000-8000-000000000001',
  name: 'verdict',
  state,
  data: { cell: 'c' },
  output,
  retryCount: 0,
  createdOn: new Date(0),
  completedOn: null,
});

describe('job view ({id, queue, state, result?, error?})', () => {
  it('a completed job shows its result and no error', () => {
    expect(jobViewFromRecord(record('completed', { verdict: { verdict: 'FIDELITY_OK' } }))).toEqual({
      id: '00000000-0000-4000-8000-000000000001',
      queue: 'verdict',
      state: 'completed',
      result: { verdict: { verdict: 'FIDELITY_OK' } },
    });
  });
  it('a failed job shows our error as stored; pg-boss 12’s heartbeat failure reads as lease_expired', () => {
    expect(jobViewFromRecord(record('failed', { kind: 'unknown_profile', message: 'unknown profile "x"' })).error).toEqual({ kind: 'unknown_profile', message: 'unknown profile "x"' });
    expect(jobViewFromRecord(record('retry', { value: { message: 'job heartbeat timeout' } })).error).toEqual({ kind: 'lease_expired', message: 'job heartbeat timeout' });
    expect(jobViewFromRecord(record('retry', { value: { message: 'job timed out' } })).error).toEqual({ kind: 'attempt_timed_out', message: 'job timed out' });
    expect(jobViewFromRecord(record('failed', null)).error).toEqual({ message: 'failed (no reason recorded)' });
  });
  it('created, active and cancelled jobs carry neither result nor error', () => {
    for (const state of ['created', 'active', 'cancelled'] as const) expect(Object.keys(jobViewFromRecord(record(state, { x: 1 }))).sort()).toEqual(['id', 'queue', 'state']);
  });
  it('a summary carries ISO times, the retry count and the payload', () => {
    expect(jobSummaryFromRecord({ ...record('completed', null), completedOn: new Date(1000), retryCount: 2 })).toEqual({
      id: '00000000-0000-4000-8000-000000000001',
      queue: 'verdict',
      state: 'completed',
      created_on: '1970-01-01T00:00:00.000Z',
      completed_on: '1970-01-01T00:00:01.000Z',
      retry_count: 2,
      payload: { cell: 'c' },
    });
  });
});
