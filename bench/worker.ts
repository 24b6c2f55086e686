/**
 * Bench: repro-worker (real worker processes, real PostgreSQL, the built bin) against a reference in the
 * same run.
 * 1. Throughput on a trivial profile (a Node training cell that writes its result at once): verdict jobs/s
 *    with 1 and with 3 workers (2 jobs at once each), beside the reference: the same replay pairs run
 *    directly with `runReplayPair` at the same total concurrency, no queue and no database. The ratio is
 *    what the queue, the decision, the store writes and the artefacts cost on top of the replays.
 * 2. Submit → claim latency (p50 / p99), read from the database clock (pg-boss `startedOn − createdOn`), for
 *    gate jobs submitted one at a time to idle workers, at poll intervals of 1000 ms (the default) and
 *    100 ms; the reference is the poll interval itself (expected p50 ≈ half of it).
 * Needs PostgreSQL (REPRO_TEST_DATABASE_URL or 127.0.0.1:5432/test) and `pnpm --filter @repro/worker build`.
 * Prints a table; never asserts timings.
 * Run: pnpm tsx bench/worker.ts [--jobs 60] [--claims 40]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JobQueueClient } from '../packages/job-queue/src/index.js';
import { runReplayPair } from '../packages/replay-runner/src/index.js';
import { createTestSchema, needPostgres } from '../tooling/test-services/src/index.js';

// pg-boss as @repro/job-queue resolves it (the root project does not depend on pg-boss itself)
const { PgBoss } = (await import(createRequire(new URL('../packages/job-queue/package.json', import.meta.url)).resolve('pg-boss'))) as typeof import('pg-boss');

const flag = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const JOBS = flag('--jobs', 60);
const CLAIMS = flag('--claims', 40);
const PER_WORKER = 2;
const out = (line: string) => process.stdout.write(`${line}\n`);
const bin = fileURLToPath(new URL('../apps/worker/bin/repro-worker.js', import.meta.url));
const cell = fileURLToPath(new URL('../apps/worker/test/fixtures/train-cell.cjs', import.meta.url));

const postgres = await needPostgres();
if (postgres === null) {
  out('bench/worker.ts: PostgreSQL is not available; nothing measured.');
  process.exit(0);
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
};

function writeConfig(pollMs: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'bench-worker-'));
  const path = join(dir, 'worker.json');
  writeFileSync(path, JSON.stringify({ profiles: { trivial: { command: ['node', cell], timeout_s: 60 } }, store: `file://${join(dir, 'store')}`, queue: { poll_interval_ms: pollMs } }));
  return path;
}

async function startWorkers(count: number, configPath: string, env: Record<string, string>): Promise<ChildProcess[]> {
  const workers = Array.from({ length: count }, () =>
    spawn(process.execPath, [bin, '--config', configPath, '--port', '0', '--host', '127.0.0.1', '--concurrency', String(PER_WORKER)], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  );
  await Promise.all(
    workers.map(
      (w) =>
        new Promise<void>((resolve, reject) => {
          let log = '';
          w.stdout!.on('data', (d: Buffer) => {
            log += d.toString();
            if (log.includes('"worker_ready"')) resolve();
          });
          w.once('exit', (code) => reject(new Error(`worker exited ${code}`)));
        }),
    ),
  );
  return workers;
}

async function stopWorkers(workers: ChildProcess[]): Promise<void> {
  await Promise.all(
    workers.map(
      (w) =>
        new Promise((resolve) => {
          if (w.exitCode !== null) return resolve(null);
          w.once('exit', resolve);
          w.kill('SIGTERM');
        }),
    ),
  );
}

async function withCluster<T>(count: number, pollMs: number, work: (client: JobQueueClient, queue: { schema: string }) => Promise<T>): Promise<T> {
  const queue = await createTestSchema('bq');
  const store = await createTestSchema('bs');
  const env = { DATABASE_URL: queue.url, REPRO_QUEUE_SCHEMA: queue.schema, REPRO_DB_SCHEMA: store.schema };
  const client = await JobQueueClient.open({ databaseUrl: queue.url, schema: queue.schema });
  const workers = await startWorkers(count, writeConfig(pollMs), env);
  try {
    return await work(client, queue);
  } finally {
    await stopWorkers(workers);
    await client.close();
    await queue.drop();
    await store.drop();
  }
}

async function queueThroughput(workers: number): Promise<number> {
  return withCluster(workers, 100, async (client) => {
    const t0 = performance.now();
    const ids = await Promise.all(Array.from({ length: JOBS }, (_, i) => client.submit('verdict', { cell: `bench-${i}`, metric: 'f1_buy', profile: 'trivial' })));
    await Promise.all(ids.map(({ job_id }) => client.waitForJob(job_id, { pollMs: 50 })));
    return JOBS / ((performance.now() - t0) / 1000);
  });
}

async function directThroughput(concurrency: number): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < JOBS) {
        next += 1;
        await runReplayPair({ command: ['node', cell], requiredMetrics: ['f1_buy'], parentEnv: process.env });
      }
    }),
  );
  return JOBS / ((performance.now() - t0) / 1000);
}

async function claimLatency(pollMs: number): Promise<{ p50: number; p99: number }> {
  return withCluster(1, pollMs, async (client, queue) => {
    const ids: string[] = [];
    for (let i = 0; i < CLAIMS; i += 1) {
      const { job_id } = await client.submit('gate', { run_id: `run-${i}`, expected: 0 });
      await client.waitForJob(job_id, { pollMs: 20 });
      ids.push(job_id);
      await new Promise((r) => setTimeout(r, Math.random() * pollMs)); // arrive at a random phase of the poll
    }
    // pg-boss 12's own record of each job (both times from the database clock), through its public API
    const boss = new PgBoss({ db: client.db, schema: queue.schema, supervise: false, schedule: false, registerInstance: false });
    await boss.start();
    const jobs = (await Promise.all(ids.map((id) => boss.findJobs('gate', { id })))).flat();
    await boss.stop({ graceful: false, close: false });
    const ms = jobs.map((job) => new Date(job.startedOn).getTime() - new Date(job.createdOn).getTime());
    return { p50: quantile(ms, 0.5), p99: quantile(ms, 0.99) };
  });
}

out(`repro-worker bench: ${JOBS} verdict jobs on a trivial profile (2 Node replays each), ${PER_WORKER} jobs at once per worker`);
out('');
out('throughput                          jobs/s   reference (direct runReplayPair, same concurrency)   ratio');
for (const workers of [1, 3]) {
  const queued = await queueThroughput(workers);
  const direct = await directThroughput(workers * PER_WORKER);
  out(`${`${workers} worker${workers > 1 ? 's' : ' '} × ${PER_WORKER}`.padEnd(36)}${queued.toFixed(1).padStart(6)}   ${direct.toFixed(1).padStart(6)} jobs/s${' '.repeat(41)}${(queued / direct).toFixed(2)}`);
}
out('');
out(`submit → claim (${CLAIMS} gate jobs, one at a time)   p50 ms   p99 ms   reference: poll interval   p50 / poll`);
for (const pollMs of [1000, 100]) {
  const { p50, p99 } = await claimLatency(pollMs);
  out(`${`poll ${pollMs} ms`.padEnd(43)}${p50.toFixed(0).padStart(6)}   ${p99.toFixed(0).padStart(6)}   ${String(pollMs).padStart(8)} ms${' '.repeat(16)}${(p50 / pollMs).toFixed(2)}`);
}
