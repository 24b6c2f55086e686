import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JobView } from '@repro/job-queue';
import { needPostgres } from '@repro/test-services';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cluster, jobRows, loggedBy, ready, spawnWorkers, stopClusters } from './worker-cluster-harness.js';
import { trainProfile, writeWorkerConfig } from './worker-harness.js';

// Real PostgreSQL, real `repro-worker` processes (the built bin), real replay processes.
const postgres = await needPostgres();

afterEach(stopClusters);

describe.skipIf(postgres === null)('repro-worker processes on a real PostgreSQL', () => {
  it('3 workers, 30 verdict jobs: each completed exactly once, each verdict stored once, artefacts written once', async () => {
    const c = await cluster();
    await c.canonical.recordCanonical(
      { run_id: 'canon-1', cell: 'defi_top5/fold-3', metric: 'f1_buy', value: 0.61, provenance: { build_sha: 'abc123', instance_type: 'test-box' } },
      { promote: true },
    );
    const { configPath, storeDir } = writeWorkerConfig({ trivial: trainProfile(['--sleep-ms', '50']) });
    const workers = spawnWorkers(c, 3, configPath, ['--concurrency', '2']);
    await ready(workers);
    const ids: string[] = [];
    for (let i = 0; i < 30; i += 1) ids.push((await c.client.submit('verdict', { cell: i % 2 === 0 ? 'defi_top5/fold-3' : `cell-${i}`, metric: 'f1_buy', profile: 'trivial' })).job_id);
    const results = await Promise.all(ids.map((id) => c.client.waitForJob(id, { timeoutMs: 120_000, pollMs: 200 })));

    expect(results.map((r) => r.state)).toEqual(ids.map(() => 'completed'));
    for (const id of ids) expect(loggedBy(workers, id, 'job_completed')).toHaveLength(1);
    for (const id of ids) expect(loggedBy(workers, id, 'job_claimed')).toHaveLength(1);
    // the work was shared: more than one process completed jobs
    expect(workers.filter((w) => w.lines.some((l) => l.event === 'job_completed')).length).toBeGreaterThan(1);

    const verdicts = await c.canonical.listVerdicts({ limit: 1000 });
    expect(verdicts).toHaveLength(30);
    const result = results[0]!.result as { verdict: { verdict: string; reason: string | null; cell: string }; artefact: { key: string }; saved_to_history: boolean };
    // canonical present but no eps_prod for any image: the gate says epsilon_prod_unmeasured
    expect(result.verdict).toMatchObject({ cell: 'defi_top5/fold-3', verdict: 'INCONCLUSIVE_TOOLING', reason: 'epsilon_prod_unmeasured' });
    expect(result.saved_to_history).toBe(true);
    expect(result.artefact.key).toBe(`verdicts/defi_top5/fold-3/${ids[0]}.json`);
    const stored = JSON.parse(readFileSync(join(storeDir, result.artefact.key), 'utf8'));
    expect(stored).toEqual(result.verdict);
    const artefactFiles = readdirSync(join(storeDir, 'verdicts'), { recursive: true }).filter((f) => String(f).endsWith('.json'));
    expect(artefactFiles).toHaveLength(30);

    // /metrics counts what this worker did; /readyz and /healthz answer
    const port = await workers[0]!.port();
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const completedHere = workers[0]!.lines.filter((l) => l.event === 'job_completed').length;
    expect(metrics).toContain(`repro_worker_jobs_total{queue="verdict",outcome="completed"} ${completedHere}`);
    expect(metrics).toMatch(/repro_worker_job_duration_seconds_count\{queue="verdict",outcome="completed"\} \d+/);
    // the queue-depth gauge follows pg-boss's queue stats, refreshed each supervision pass: poll, bounded
    let depth = metrics;
    for (let i = 0; i < 100 && !depth.includes('repro_worker_queue_depth{queue="verdict"} 0'); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      depth = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    }
    expect(depth).toContain('repro_worker_queue_depth{queue="verdict"} 0');
    expect(metrics).toContain('repro_worker_replays_in_flight 0');
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    expect(await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()).toEqual({ status: 'ok' });
  }, 240_000);

  it('SIGKILL mid-job: the job is retried by another worker after the lease lapses and completes once; its verdict is stored once', async () => {
    const c = await cluster();
    const { configPath, dir } = writeWorkerConfig({ slow: trainProfile(['--sleep-ms', '2500', '--marker', join('MARKER_DIR', 'runs.log')]) });
    // the marker file counts replay process starts (2 per attempt)
    const config = JSON.parse(readFileSync(configPath, 'utf8'));
    config.profiles.slow.command = config.profiles.slow.command.map((a: string) => a.replace('MARKER_DIR', dir));
    (await import('node:fs')).writeFileSync(configPath, JSON.stringify(config));
    const [first] = spawnWorkers(c, 1, configPath, ['--concurrency', '1']);
    await ready([first!]);
    const { job_id } = await c.client.submit('verdict', { cell: 'kill-cell', metric: 'f1_buy', profile: 'slow' });
    await first!.waitFor((l) => l.event === 'replay_started' && l.job_id === job_id);
    // both replays of the first attempt have started (each writes its marker line at start)
    const markers = join(dir, 'runs.log');
    const startedLines = () => (existsSync(markers) ? readFileSync(markers, 'utf8').trim().split('\n').length : 0);
    for (let i = 0; i < 200 && startedLines() < 2; i += 1) await new Promise((r) => setTimeout(r, 25));
    expect(startedLines()).toBe(2);
    const killed = await first!.stop('SIGKILL');
    expect(killed.signal).toBe('SIGKILL');
    expect((await jobRows(c, [job_id]))[0]!.state).toBe('active'); // the dead worker's claim, until its lease lapses

    const [second] = spawnWorkers(c, 1, configPath, ['--concurrency', '1']);
    const done = await c.client.waitForJob(job_id, { timeoutMs: 60_000, pollMs: 200 });
    expect(done.state).toBe('completed');
    expect(loggedBy([second!], job_id, 'job_completed')).toEqual([second!.pid]);
    expect((await jobRows(c, [job_id]))[0]!.retry_count).toBe(1); // the lapsed lease counted one attempt
    expect(readFileSync(join(dir, 'runs.log'), 'utf8').trim().split('\n')).toHaveLength(4); // 2 replays × 2 attempts
    expect(await c.canonical.listVerdicts({ cell: 'kill-cell' })).toHaveLength(1);
  });

  it('SIGTERM: stops claiming, lets the in-flight job finish, exits 0; a job still running after the grace period returns to the queue', async () => {
    const c = await cluster();
    const { configPath } = writeWorkerConfig({ slow: trainProfile(['--sleep-ms', '1500']), stuck: trainProfile(['--sleep-ms', '30000']) }, { grace_s: 4 });
    const [worker] = spawnWorkers(c, 1, configPath, ['--concurrency', '1']);
    await ready([worker!]);
    const slow = await c.client.submit('verdict', { cell: 'term-cell', metric: 'f1_buy', profile: 'slow' });
    const queued = await c.client.submit('verdict', { cell: 'queued-cell', metric: 'f1_buy', profile: 'slow' });
    await worker!.waitFor((l) => l.event === 'replay_started' && l.job_id === slow.job_id);
    const port = await worker!.port();
    worker!.child.kill('SIGTERM');
    await worker!.waitForEvent('worker_stopping');
    // readiness goes down as soon as the worker is stopping (the load balancer stops sending it work)
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(503);
    const exit = await worker!.exited;
    expect(exit.code).toBe(0);
    expect((await c.client.getJob(slow.job_id)).state).toBe('completed');
    expect((await c.client.getJob(queued.job_id)).state).toBe('created'); // never claimed after SIGTERM
    expect(worker!.lines.map((l) => l.event)).toContain('worker_stopped');

    // grace over: the stuck job is aborted (its replay process group killed) and released, not failed
    const [second] = spawnWorkers(c, 1, configPath, ['--concurrency', '1', '--queues', 'verdict']);
    await ready([second!]);
    await c.client.waitForJob(queued.job_id, { timeoutMs: 30_000, pollMs: 200 });
    const stuck = await c.client.submit('verdict', { cell: 'stuck-cell', metric: 'f1_buy', profile: 'stuck' });
    const started = await second!.waitFor((l) => l.event === 'replay_started' && l.job_id === stuck.job_id);
    second!.child.kill('SIGTERM');
    expect((await second!.exited).code).toBe(0);
    expect(second!.lines.some((l) => l.event === 'job_released' && l.job_id === stuck.job_id)).toBe(true);
    expect(() => process.kill(Number(started.pid), 0)).toThrow(); // the replay process is gone
    const [row] = await jobRows(c, [stuck.job_id]);
    expect(row).toMatchObject({ state: 'created', retry_count: 0 });
  });

  it('an invalid payload and an unknown profile fail permanently with the reason (no retry); a job cannot carry a command', async () => {
    const c = await cluster();
    const { configPath } = writeWorkerConfig({ trivial: trainProfile() });
    const [worker] = spawnWorkers(c, 1, configPath);
    await ready([worker!]);
    // the client refuses a bad payload before queueing it…
    await expect(c.client.submit('verdict', { cell: 'c', metric: 'm', profile: 'trivial', command: ['rm', '-rf', '/'] } as never)).rejects.toThrow(/command/);
    // …so queue bad ones the way another producer could: straight through pg-boss
    const { PgBoss } = await import('pg-boss');
    const boss = new PgBoss({ connectionString: c.queue.url, schema: c.queue.schema, supervise: false, schedule: false });
    await boss.start();
    const withCommand = (await boss.send('verdict', { cell: 'c', metric: 'm', profile: 'trivial', command: ['sh', '-c', 'echo pwned'] }))!;
    const missingMetric = (await boss.send('envelope', { cell: 'c', profile: 'trivial', image_sha: 'sha' }))!;
    await boss.stop({ graceful: false });
    const unknownProfile = (await c.client.submit('verdict', { cell: 'c', metric: 'm', profile: 'no-such-profile' })).job_id;

    const views: JobView[] = await Promise.all([withCommand, missingMetric, unknownProfile].map((id) => c.client.waitForJob(id, { timeoutMs: 20_000, pollMs: 100 })));
    expect(views.map((v) => v.state)).toEqual(['failed', 'failed', 'failed']);
    expect(views[0]!.error).toMatchObject({ kind: 'invalid_payload', field: 'command' });
    expect(views[0]!.error!.message).toMatch(/unknown field "command"/);
    expect(views[1]!.error).toMatchObject({ kind: 'invalid_payload', field: 'metric' });
    expect(views[2]!.error).toMatchObject({ kind: 'unknown_profile', field: 'profile' });
    expect(views[2]!.error!.message).toContain('"trivial"');
    const rows = await jobRows(c, [withCommand, missingMetric, unknownProfile]);
    expect(rows.map((r) => r.retry_count)).toEqual([0, 0, 0]); // never retried
    expect(worker!.lines.filter((l) => l.event === 'replay_started')).toHaveLength(0); // nothing ran
    // each landed in its queue's dead-letter queue
    expect((await c.client.listJobs({ queue: 'verdict_dead' })).length).toBe(2);
  });

  it('Postgres connections cut (backends terminated): workers reconnect and carry on; secrets stay out of logs and results', async () => {
    // trust auth ignores the password: it only has to stay out of every log line and job result
    const url = new URL(postgres!.url);
    url.password = 'hunter2-db-secret';
    const c = await cluster(url.toString());
    const { configPath } = writeWorkerConfig({
      trivial: trainProfile(['--sleep-ms', '50']),
      leaky: trainProfile(['--print-env', 'API_TOKEN', '--exit', '3'], { pass_env: ['API_TOKEN'] }),
    });
    const workers = spawnWorkers(c, 2, configPath, ['--concurrency', '2'], { API_TOKEN: 'tok-very-secret-42' });
    await ready(workers);
    const before = await c.client.submit('verdict', { cell: 'before', metric: 'f1_buy', profile: 'trivial' });
    expect((await c.client.waitForJob(before.job_id, { timeoutMs: 30_000, pollMs: 100 })).state).toBe('completed');

    const admin = new pg.Client({ connectionString: postgres!.url });
    await admin.connect();
    const { rows } = await admin.query(`select pg_terminate_backend(pid) as killed from pg_stat_activity where application_name = 'repro-worker' and pid <> pg_backend_pid()`);
    await admin.end();
    expect(rows.length).toBeGreaterThan(0);

    const after = await Promise.all(['after-1', 'after-2', 'after-3', 'after-4'].map((cell) => c.client.submit('verdict', { cell, metric: 'f1_buy', profile: 'trivial' })));
    const leaky = await c.client.submit('verdict', { cell: 'leaky', metric: 'f1_buy', profile: 'leaky' });
    const views = await Promise.all([...after, leaky].map(({ job_id }) => c.client.waitForJob(job_id, { timeoutMs: 60_000, pollMs: 200 })));
    expect(views.map((v) => v.state)).toEqual(['completed', 'completed', 'completed', 'completed', 'completed']);
    expect((views[4]!.result as { verdict: { reason: string } }).verdict.reason).toBe('replay_error');
    expect(await c.canonical.listVerdicts({ limit: 100 })).toHaveLength(6);
    for (const w of workers) {
      const port = await w.port();
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    }
    const everything = workers.map((w) => w.stdout + w.stderr).join('\n') + JSON.stringify(views);
    expect(everything).not.toContain('hunter2-db-secret');
    expect(everything).not.toContain('tok-very-secret-42');
    expect(existsSync(configPath)).toBe(true);
  });
});

afterAll(stopClusters);

beforeAll(() => {
  if (!existsSync(new URL('../dist/main.js', import.meta.url))) throw new Error('build @repro/worker first: pnpm --filter @repro/worker build');
});
