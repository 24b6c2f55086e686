import { describe, expect, it } from 'vitest';
import { type JobRow, jobViewFromRow } from './job-view.js';

const row = (state: JobRow['state'], output: unknown): JobRow => ({
  id: '00000000-0000-4000-8000-000000000001',
  name: 'verdict',
  state,
  data: {},
  output,
  retry_count: 0,
  created_on: new Date(0),
  completed_on: null,
});

describe('job view ({id, queue, state, result?, error?})', () => {
  it('a completed job shows its result and no error', () => {
    expect(jobViewFromRow(row('completed', { verdict: { verdict: 'FIDELITY_OK' } }))).toEqual({
      id: '00000000-0000-4000-8000-000000000001',
      queue: 'verdict',
      state: 'completed',
      result: { verdict: { verdict: 'FIDELITY_OK' } },
    });
  });
  it('a failed job shows our error as stored; pg-boss’s own timeout failure reads as lease_expired', () => {
    expect(jobViewFromRow(row('failed', { kind: 'unknown_profile', message: 'unknown profile "x"' })).error).toEqual({ kind: 'unknown_profile', message: 'unknown profile "x"' });
    expect(jobViewFromRow(row('retry', { value: { message: 'job failed by timeout in active state' } })).error).toEqual({ kind: 'lease_expired', message: 'job failed by timeout in active state' });
    expect(jobViewFromRow(row('failed', null)).error).toEqual({ message: 'failed (no reason recorded)' });
  });
  it('created, active and cancelled jobs carry neither result nor error', () => {
    for (const state of ['created', 'active', 'cancelled'] as const) expect(Object.keys(jobViewFromRow(row(state, { x: 1 }))).sort()).toEqual(['id', 'queue', 'state']);
  });
});
