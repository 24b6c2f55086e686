import { describe, expect, it } from 'vitest';
import { WorkerConfigError } from './worker-config-error.js';
import { parseWorkerSettings } from './worker-settings.js';

const env = { DATABASE_URL: 'postgres://repro:pw@db:5432/repro' };

function problem(argv: string[], e: Record<string, string | undefined> = env): string {
  try {
    parseWorkerSettings(argv, e);
  } catch (error) {
    if (error instanceof WorkerConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a WorkerConfigError');
}

describe('worker flags and environment', () => {
  it('reads --config, --port, --concurrency, --queues and the env', () => {
    const settings = parseWorkerSettings(['--config', 'w.json', '--port', '0', '--concurrency', '3', '--queues', 'envelope'], { ...env, REPRO_STORE: 's3://b/p', REPRO_QUEUE_SCHEMA: 'q1' });
    expect(settings).toMatchObject({ configPath: 'w.json', port: 0, concurrency: 3, queues: ['envelope'], storeUri: 's3://b/p', queueSchema: 'q1', host: '0.0.0.0' });
    expect(parseWorkerSettings(['--config', 'w.json'], env)).toMatchObject({ port: 8080, queues: ['verdict', 'envelope', 'gate'], queueSchema: 'pgboss' });
    expect(parseWorkerSettings(['--help'], {})).toBeNull();
  });

  it('DATABASE_URL is required and named; so are bad flags', () => {
    expect(problem(['--config', 'w.json'], {})).toMatch(/^DATABASE_URL: required/);
    expect(problem(['--config', 'w.json'], { DATABASE_URL: 'mysql://x' })).toMatch(/^DATABASE_URL: scheme "mysql:\/\/" is not supported/);
    expect(problem([])).toMatch(/^--config: required/);
    expect(problem(['--config', 'w.json', '--concurrency', '0'])).toMatch(/^--concurrency: must be an integer in \[1, 1024\]/);
    expect(problem(['--config', 'w.json', '--port', 'http'])).toMatch(/^--port:/);
    expect(problem(['--config', 'w.json', '--queues', 'verdict,nope'])).toMatch(/^--queues: unknown queue "nope"/);
    expect(problem(['--config', 'w.json', '--bogus'])).toMatch(/^command line: Unknown option '--bogus'/);
    expect(problem(['--config', 'w.json'], { ...env, REPRO_QUEUE_SCHEMA: 'bad-name' })).toMatch(/^REPRO_QUEUE_SCHEMA:/);
  });
});
