import { describe, expect, it } from 'vitest';
import { parseWorkerConfig } from './load-worker-config.js';
import { WorkerConfigError } from './worker-config-error.js';

const base = { profiles: { train: { command: ['python3', 'train.py'], cwd: 'cells', timeout_s: 600, pass_env: ['BUILD_SHA'] } }, store: 'file://./store' };

function problem(document: unknown): WorkerConfigError {
  try {
    parseWorkerConfig(document, 'worker.json', '/srv/repro');
  } catch (error) {
    if (error instanceof WorkerConfigError) return error;
    throw error;
  }
  throw new Error('expected a WorkerConfigError');
}

describe('worker config', () => {
  it('parses the documented shape, fills defaults and resolves cwd against the config folder', () => {
    const config = parseWorkerConfig(base, 'worker.json', '/srv/repro');
    expect(config.profiles.train).toMatchObject({ command: ['python3', 'train.py'], cwd: '/srv/repro/cells', timeout_s: 600, pass_env: ['BUILD_SHA'], replays: 'parallel' });
    expect(config.queue).toEqual({ retry_limit: 3, retry_delay_s: 10, retry_backoff: true, lease_s: 60, poll_interval_ms: 1000, maintenance_interval_s: 15 });
    expect(config.grace_s).toBe(30);
    expect(parseWorkerConfig({ profiles: { p: { command: ['x'] } } }, 'w.json', '/a').profiles.p!.cwd).toBe('/a');
  });

  it('every error names the file and the field', () => {
    expect(problem({ ...base, profiles: { train: { ...base.profiles.train, timeout_s: '600' } } }).message).toBe('worker.json: profiles.train.timeout_s: Invalid input: expected number, received string');
    expect(problem({ ...base, profiles: { train: { ...base.profiles.train, comand: ['x'] } } }).field).toBe('profiles.train.comand');
    expect(problem({ ...base, profiles: { train: { ...base.profiles.train, command: [] } } }).field).toBe('profiles.train.command');
    expect(problem({ ...base, profiles: { train: { ...base.profiles.train, pass_env: ['OK', 'not a name'] } } }).field).toBe('profiles.train.pass_env[1]');
    expect(problem({ ...base, profiles: {} }).field).toBe('profiles');
    expect(problem({ store: 'file://x' }).field).toBe('profiles');
    expect(problem({ ...base, extra: 1 }).field).toBe('extra');
    expect(problem({ ...base, queue: { lease_s: 9 } }).field).toBe('queue.lease_s');
    expect(problem({ ...base, store: 'ftp://nope' }).field).toBe('store');
    expect(problem([]).field).toBeNull();
  });

  it('a profile can never pass the worker’s database credentials, a pinned knob or a protocol variable', () => {
    expect(problem({ ...base, profiles: { train: { command: ['x'], pass_env: ['DATABASE_URL'] } } }).field).toBe('profiles.train.pass_env[0]');
    expect(problem({ ...base, profiles: { train: { command: ['x'], pass_env: ['HOME', 'PYTHONHASHSEED'] } } }).field).toBe('profiles.train.pass_env[1]');
    expect(problem({ ...base, profiles: { train: { command: ['x'], pass_env: ['REPRO_RESULT_FILE'] } } }).field).toBe('profiles.train.pass_env[0]');
  });
});
