import { JobQueueClient } from '@repro/job-queue';
import { createTestSchema, needPostgres, startMotoServer, type TestPostgres } from '@repro/test-services';
import { afterAll, describe, expect, it } from 'vitest';
import { PausableTcpProxy } from '../../../packages/job-queue/test/pausable-tcp-proxy.js';
import { SHUTDOWN_MARGIN_MS } from '../src/runtime/worker-service.js';
import { startWorker, trainProfile, type WorkerProcess, writeWorkerConfig } from './worker-harness.js';

// repro-worker when its dependencies stop answering: Postgres behind a proxy that can be paused, an s3://
// store behind a proxy to moto that can be paused, and an s3:// endpoint that accepts and never answers.
const postgres = await needPostgres();
const moto = await startMotoServer();
afterAll(() => moto?.stop());

const GRACE_S = 1;
const AWS = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: 'us-east-1' };

async function readyz(port: number): Promise<{ status: number; checks: Record<string, { ok: boolean; detail?: string }> }> {
  const res = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(10_000) });
  return { status: res.status, checks: ((await res.json()) as { checks: Record<string, { ok: boolean; detail?: string }> }).checks };
}

/** Poll /readyz until it answers `status` (and `test` holds); its last answer otherwise. */
async function readyzBecomes(port: number, status: number, test: (checks: Record<string, { ok: boolean; detail?: string }>) => boolean = () => true, withinMs = 20_000) {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const answer = await readyz(port);
    if ((answer.status === status && test(answer.checks)) || Date.now() > deadline) return answer;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe.skipIf(postgres === null || moto === null)('repro-worker under faults', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  });

  async function setUp(s3Target: { host: string; port: number } | null) {
    const queue: TestPostgres = await createTestSchema('wfq');
    const store: TestPostgres = await createTestSchema('wfs');
    const upstream = new URL(queue.url);
    const dbProxy = await PausableTcpProxy.start({ host: upstream.hostname, port: Number(upstream.port || 5432) });
    const s3Proxy = await PausableTcpProxy.start(s3Target);
    cleanups.push(() => queue.drop(), () => store.drop(), () => dbProxy.close(), () => s3Proxy.close());
    const bucket = `faults-${Date.now()}`;
    await fetch(`${moto!.endpoint}/${bucket}`, { method: 'PUT' });
    const { configPath } = writeWorkerConfig({ train: trainProfile() }, { grace_s: GRACE_S });
    const worker = startWorker({ databaseUrl: dbProxy.rewrite(queue.url), queueSchema: queue.schema, storeSchema: store.schema }, configPath, ['--concurrency', '1'], {
      ...AWS,
      REPRO_STORE: `s3://${bucket}/p`,
      AWS_ENDPOINT_URL: `http://127.0.0.1:${s3Proxy.port}`,
    });
    cleanups.push(() => worker.stop('SIGKILL'));
    return { queue, dbProxy, s3Proxy, worker };
  }

  it('/readyz turns 503 while Postgres or the object store stops answering, and back to 200 when it returns', { timeout: 120_000 }, async () => {
    const { dbProxy, s3Proxy, worker } = await setUp({ host: '127.0.0.1', port: moto!.port });
    const port = await worker.port();
    await worker.waitForEvent('worker_ready', 60_000);
    expect((await readyzBecomes(port, 200)).status).toBe(200);

    s3Proxy.pause();
    const storeDown = await readyzBecomes(port, 503, (c) => c.object_store?.ok === false);
    expect(storeDown.status).toBe(503);
    expect(storeDown.checks.object_store).toEqual({ ok: false, detail: 'no answer within 2 s' });
    expect(storeDown.checks.database!.ok).toBe(true);
    s3Proxy.resume();
    expect((await readyzBecomes(port, 200)).status).toBe(200);

    dbProxy.pause();
    const dbDown = await readyzBecomes(port, 503, (c) => c.database?.ok === false);
    expect(dbDown.status).toBe(503);
    expect(dbDown.checks.database!.ok).toBe(false);
    dbProxy.resume();
    expect((await readyzBecomes(port, 200, () => true, 90_000)).status).toBe(200);
    expect(await worker.stop()).toEqual({ code: 0, signal: null });
  });

  it(`SIGTERM stops the worker within grace_s + ${SHUTDOWN_MARGIN_MS / 1000} s while its gate job hangs on an s3:// store that never answers and Postgres is paused`, { timeout: 120_000 }, async () => {
    const { queue, dbProxy, worker } = await setUp(null);
    await worker.waitForEvent('worker_ready', 60_000);
    const client = await JobQueueClient.open({ databaseUrl: queue.url, schema: queue.schema });
    cleanups.push(() => client.close());
    const { job_id } = await client.submit('gate', { run_id: 'run-1', expected: 2 });
    await worker.waitFor((line) => line.event === 'job_claimed' && line.job_id === job_id, 30_000);
    dbProxy.pause();

    worker.child.kill('SIGTERM');
    const bound = (GRACE_S * 1000 + SHUTDOWN_MARGIN_MS + 4000);
    let timer: NodeJS.Timeout | undefined;
    const exit = await Promise.race([worker.exited, new Promise<'still running'>((resolve) => (timer = setTimeout(() => resolve('still running'), bound)))]);
    clearTimeout(timer);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(worker.lines.some((l) => l.event === 'job_aborting' && l.job_id === job_id)).toBe(true);
    expect(worker.lines.at(-1)).toMatchObject({ event: 'worker_stopped' });
    dbProxy.resume();
    // never completed by the stopped worker: it goes back to the queue (released, or by its lease)
    expect((await client.getJob(job_id)).state).not.toBe('completed');
  });
});

export type { WorkerProcess };
