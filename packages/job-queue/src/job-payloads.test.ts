import { describe, expect, it } from 'vitest';
import { parseJobPayload } from './job-payloads.js';
import { InvalidJobPayloadError } from './queue-errors.js';

function rejection(fn: () => unknown): InvalidJobPayloadError {
  try {
    fn();
  } catch (error) {
    if (error instanceof InvalidJobPayloadError) return error;
    throw error;
  }
  throw new Error('expected an InvalidJobPayloadError');
}

describe('job payloads', () => {
  it('a verdict job names cell, metric, profile and takes every option of `repro verdict run` (one schema, @repro/use-cases)', () => {
    expect(parseJobPayload('verdict', { cell: 'defi_top5/fold-3', metric: 'f1_buy', profile: 'train', image_sha: 'sha256:x', eps_num: 1e-9 })).toEqual({
      cell: 'defi_top5/fold-3',
      metric: 'f1_buy',
      profile: 'train',
      image_sha: 'sha256:x',
      eps_num: 1e-9,
      parity_dims: ['build_sha', 'instance_type', 'os', 'lib_versions'],
    });
    const full = { cell: 'c', metric: 'm', profile: 'p', eps_num: 0.01, parity_dims: ['build_sha'], replays: 'sequential', hash_seed: 7, threads: 2, timeout_s: 60, replay_count: 5, localize: true, factors: ['hash_seed'], replays_per_factor: 3 };
    expect(parseJobPayload('verdict', full)).toEqual(full);
    expect(rejection(() => parseJobPayload('verdict', { ...full, pin_mode: 'uncapped' })).field).toBe('pin_mode');
    expect(rejection(() => parseJobPayload('verdict', { ...full, parity_dims: [] })).field).toBe('parity_dims');
    expect(rejection(() => parseJobPayload('verdict', { ...full, hash_seed: 4_294_967_296 })).field).toBe('hash_seed');
  });

  it('a job can never carry a command line, an env or params of its own: unknown fields are refused by name', () => {
    for (const key of ['command', 'env', 'params', 'cwd', 'pass_env']) {
      const error = rejection(() => parseJobPayload('verdict', { cell: 'c', metric: 'm', profile: 'p', [key]: ['x'] }));
      expect(error.field).toBe(key);
      expect(error.message).toContain(`unknown field "${key}"`);
    }
  });

  it('envelope: n defaults to 10, must be an integer in [1, 1000] (fewer than 10 stores an unmeasured envelope); coverage, confidence, method as the CLI; image_sha is required', () => {
    expect(parseJobPayload('envelope', { cell: 'c', metric: 'm', profile: 'p', image_sha: 's' })).toMatchObject({ n: 10, force: false, coverage: 0.95, confidence: 0.95, method: 'pairwise-normal' });
    expect(parseJobPayload('envelope', { cell: 'c', metric: 'm', profile: 'p', image_sha: 's', n: 3, coverage: 0.9, confidence: 0.99, method: 'nonparametric' })).toMatchObject({ n: 3, coverage: 0.9, confidence: 0.99, method: 'nonparametric' });
    expect(rejection(() => parseJobPayload('envelope', { cell: 'c', metric: 'm', profile: 'p', image_sha: 's', n: 0 })).field).toBe('n');
    expect(rejection(() => parseJobPayload('envelope', { cell: 'c', metric: 'm', profile: 'p', image_sha: 's', n: 1001 })).field).toBe('n');
    expect(rejection(() => parseJobPayload('envelope', { cell: 'c', metric: 'm', profile: 'p', image_sha: 's', coverage: 1 })).field).toBe('coverage');
    expect(rejection(() => parseJobPayload('envelope', { cell: 'c', metric: 'm', profile: 'p', image_sha: 's', n: 10.5 })).field).toBe('n');
    expect(rejection(() => parseJobPayload('envelope', { cell: 'c', metric: 'm', profile: 'p' })).field).toBe('image_sha');
  });

  it('gate: run_id and a non-negative integer expected', () => {
    expect(parseJobPayload('gate', { run_id: 'run-1', expected: 0 })).toEqual({ run_id: 'run-1', expected: 0, allow_unexpected: false, verify: false });
    expect(parseJobPayload('gate', { run_id: 'run-1', expected: 2, pods: ['a', 'b'], verify: true, allow_unexpected: true })).toEqual({
      run_id: 'run-1',
      expected: 2,
      pods: ['a', 'b'],
      allow_unexpected: true,
      verify: true,
    });
    expect(rejection(() => parseJobPayload('gate', { run_id: 'run-1', expected: 1, verify: 'yes' })).field).toBe('verify');
    expect(rejection(() => parseJobPayload('gate', { run_id: 'run-1', expected: -1 })).field).toBe('expected');
  });

  it('names the field of a wrong type, an empty string and a non-object payload', () => {
    expect(rejection(() => parseJobPayload('verdict', { cell: 3, metric: 'm', profile: 'p' })).field).toBe('cell');
    expect(rejection(() => parseJobPayload('verdict', { cell: '  ', metric: 'm', profile: 'p' })).field).toBe('cell');
    expect(rejection(() => parseJobPayload('verdict', { cell: 'c', metric: 'm', profile: '../etc' })).field).toBe('profile');
    expect(rejection(() => parseJobPayload('gate', null)).field).toBe('(payload)');
    expect(rejection(() => parseJobPayload('gate', [1])).field).toBe('(payload)');
  });
});
