import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JobQueueClient } from '@repro/job-queue';
import { createTestSchema, needPostgres } from '@repro/test-services';
import { beforeAll, describe, expect, it } from 'vitest';
import { trainProfile, WorkerProcess, writeWorkerConfig } from './worker-harness.js';

// The production command the README gives: the installed `repro-worker` bin, run as it is (its shebang
// starts node; no npm/pnpm/shell in between). Installed here the way npm installs a package's bin: the
// package under node_modules/@repro/worker and node_modules/.bin/repro-worker linking to its bin.
const postgres = await needPostgres();
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const version = (JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string }).version;
let installedBin = '';

beforeAll(() => {
  const project = mkdtempSync(join(tmpdir(), 'repro-worker-installed-'));
  mkdirSync(join(project, 'node_modules', '@repro'), { recursive: true });
  mkdirSync(join(project, 'node_modules', '.bin'));
  symlinkSync(packageDir, join(project, 'node_modules', '@repro', 'worker'), 'dir');
  symlinkSync('../@repro/worker/bin/repro-worker.js', join(project, 'node_modules', '.bin', 'repro-worker'));
  installedBin = join(project, 'node_modules', '.bin', 'repro-worker');
});

describe('the production command: the installed repro-worker bin', () => {
  it('repro-worker --version prints the version from the package manifest', () => {
    const run = spawnSync(installedBin, ['--version'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`${version}\n`);
  });

  it.skipIf(postgres === null)('SIGTERM sent to that command reaches the worker itself: the in-flight job finishes, exit 0; /metrics carries repro_worker_build_info', async () => {
    const queue = await createTestSchema('wp');
    const store = await createTestSchema('wps');
    const client = await JobQueueClient.open({ databaseUrl: queue.url, schema: queue.schema });
    const { configPath } = writeWorkerConfig({ slow: trainProfile(['--sleep-ms', '1500']) });
    const worker = new WorkerProcess(
      spawn(installedBin, ['--config', configPath, '--port', '0', '--host', '127.0.0.1', '--concurrency', '1'], {
        env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: queue.url, REPRO_QUEUE_SCHEMA: queue.schema, REPRO_DB_SCHEMA: store.schema },
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    try {
      const started = await worker.waitForEvent('worker_started');
      // the process we signal is the worker: nothing sits between the command and it
      expect(started.pid).toBe(worker.pid);
      await worker.waitForEvent('worker_ready');
      const metrics = await (await fetch(`http://127.0.0.1:${started.port}/metrics`)).text();
      expect(metrics).toContain(`repro_worker_build_info{version="${version}",node_version="${process.version}"} 1`);

      const { job_id } = await client.submit('verdict', { cell: 'prod-cell', metric: 'f1_buy', profile: 'slow' });
      await worker.waitFor((l) => l.event === 'replay_started' && l.job_id === job_id);
      worker.child.kill('SIGTERM');
      expect(await worker.exited).toEqual({ code: 0, signal: null });
      expect(worker.lines.map((l) => l.event)).toEqual(expect.arrayContaining(['worker_stopping', 'job_completed', 'worker_stopped']));
      expect((await client.getJob(job_id)).state).toBe('completed');
    } finally {
      await worker.stop('SIGKILL');
      await client.close();
      await queue.drop();
      await store.drop();
    }
  });
});
