import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { trainProfile, WORKER_BIN, writeWorkerConfig } from './worker-harness.js';

// Every bad flag or environment variable of repro-worker: exit 2 and one line on stderr naming it (no
// stack trace, no connection attempt, no retry loop). The database URL points at a port nothing listens
// on, so a case that got past validation would not exit 2 promptly.
const { configPath } = writeWorkerConfig({ train: trainProfile() });
const GOOD_ENV = { DATABASE_URL: 'postgres://repro:sekret@127.0.0.1:1/repro' };

function runWorker(argv: string[], env: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [WORKER_BIN, ...argv], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    // a case that slipped through would start connecting and retrying: stop it so the test fails, not hangs
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, stdout });
    });
  });
}

const CONFIG = ['--config', configPath, '--port', '0', '--host', '127.0.0.1'];

const CASES: { name: string; argv: string[]; env: Record<string, string>; names: RegExp }[] = [
  { name: 'no --config', argv: [], env: GOOD_ENV, names: /^repro-worker: --config: required/ },
  { name: 'unreadable config', argv: ['--config', '/nonexistent/worker.json'], env: GOOD_ENV, names: /^repro-worker: \/nonexistent\/worker\.json: cannot read/ },
  { name: 'unknown flag', argv: [...CONFIG, '--bogus'], env: GOOD_ENV, names: /^repro-worker: command line: .*'--bogus'/ },
  { name: 'a positional argument', argv: [...CONFIG, 'extra'], env: GOOD_ENV, names: /^repro-worker: command line: .*'extra'/ },
  { name: '--concurrency 0', argv: [...CONFIG, '--concurrency', '0'], env: GOOD_ENV, names: /^repro-worker: --concurrency: must be an integer/ },
  { name: '--concurrency 1e3', argv: [...CONFIG, '--concurrency', '1e3'], env: GOOD_ENV, names: /^repro-worker: --concurrency: must be an integer/ },
  { name: '--port 70000', argv: ['--config', configPath, '--port', '70000'], env: GOOD_ENV, names: /^repro-worker: --port: must be an integer in \[0, 65535\]/ },
  { name: '--queues nope', argv: [...CONFIG, '--queues', 'nope'], env: GOOD_ENV, names: /^repro-worker: --queues: unknown queue "nope"/ },
  { name: '--queues ,', argv: [...CONFIG, '--queues', ','], env: GOOD_ENV, names: /^repro-worker: --queues: names no queue/ },
  { name: 'no DATABASE_URL', argv: CONFIG, env: {}, names: /^repro-worker: DATABASE_URL: required/ },
  { name: 'DATABASE_URL=garbage', argv: CONFIG, env: { DATABASE_URL: 'garbage' }, names: /^repro-worker: DATABASE_URL: not a URL/ },
  { name: 'DATABASE_URL=http://', argv: CONFIG, env: { DATABASE_URL: 'http://db:5432/x' }, names: /^repro-worker: DATABASE_URL: scheme "http:\/\/" is not supported/ },
  { name: 'DATABASE_URL port 99999', argv: CONFIG, env: { DATABASE_URL: 'postgres://u:sekret@127.0.0.1:99999/x' }, names: /^repro-worker: DATABASE_URL: port 99999 out of range \(1-65535\)$/ },
  { name: 'REPRO_QUEUE_SCHEMA=1bad', argv: CONFIG, env: { ...GOOD_ENV, REPRO_QUEUE_SCHEMA: '1bad' }, names: /^repro-worker: REPRO_QUEUE_SCHEMA: queue schema "1bad"/ },
  { name: 'REPRO_QUEUE_SCHEMA=a;drop', argv: CONFIG, env: { ...GOOD_ENV, REPRO_QUEUE_SCHEMA: 'a;drop' }, names: /^repro-worker: REPRO_QUEUE_SCHEMA: / },
  { name: 'REPRO_QUEUE_SCHEMA empty', argv: CONFIG, env: { ...GOOD_ENV, REPRO_QUEUE_SCHEMA: '' }, names: /^repro-worker: REPRO_QUEUE_SCHEMA: / },
  { name: 'REPRO_LOG_LEVEL=loud', argv: CONFIG, env: { ...GOOD_ENV, REPRO_LOG_LEVEL: 'loud' }, names: /^repro-worker: REPRO_LOG_LEVEL: "loud" is not a level: one of fatal, error, warn, info, debug, trace, silent$/ },
  { name: 'REPRO_DB_SCHEMA=Bad-Name', argv: CONFIG, env: { ...GOOD_ENV, REPRO_DB_SCHEMA: 'Bad-Name' }, names: /^repro-worker: REPRO_DB_SCHEMA: "Bad-Name" is not a schema name/ },
  { name: 'REPRO_IMAGE_SHA with an ANSI escape', argv: CONFIG, env: { ...GOOD_ENV, REPRO_IMAGE_SHA: 'sha\u001b[2J' }, names: /^repro-worker: REPRO_IMAGE_SHA: must not contain control/ },
  { name: 'REPRO_STORE=ftp://x', argv: CONFIG, env: { ...GOOD_ENV, REPRO_STORE: 'ftp://x' }, names: /^repro-worker: REPRO_STORE: / },
  {
    name: 'REPRO_S3_TOTAL_TIMEOUT_MS=soon',
    argv: CONFIG,
    env: { ...GOOD_ENV, REPRO_STORE: 's3://bucket/p', REPRO_S3_TOTAL_TIMEOUT_MS: 'soon' },
    names: /^repro-worker: REPRO_S3_TOTAL_TIMEOUT_MS: "soon": must be a whole number/,
  },
  { name: '--host not local', argv: ['--config', configPath, '--port', '0', '--host', '203.0.113.1'], env: GOOD_ENV, names: /^repro-worker: --host\/--port: cannot listen on 203\.0\.113\.1:0 \(EADDRNOTAVAIL\)$/ },
];

describe('repro-worker: every bad flag or environment variable is exit 2 and one line naming it', () => {
  it.each(CASES)('$name', { timeout: 30_000 }, async ({ argv, env, names }) => {
    const run = await runWorker(argv, env);
    expect(run.code).toBe(2);
    const lines = run.stderr.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(names);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stderr).not.toContain('sekret');
    expect(run.stderr).not.toContain('\u001b');
  });

  it('--port already in use: exit 2 naming --host/--port', { timeout: 30_000 }, async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const { port } = busy.address() as { port: number };
    try {
      const run = await runWorker(['--config', configPath, '--port', String(port), '--host', '127.0.0.1'], GOOD_ENV);
      expect(run.code).toBe(2);
      expect(run.stderr.trim()).toBe(`repro-worker: --host/--port: cannot listen on 127.0.0.1:${port} (EADDRINUSE)`);
    } finally {
      busy.close();
    }
  });
});
