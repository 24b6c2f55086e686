import { type CanonicalStore, openCanonicalStore } from '@repro/canonical-provenance';
import { JobQueueClient } from '@repro/job-queue';
import { createTestSchema, type TestPostgres } from '@repro/test-services';
import { startWorker, type WorkerProcess } from './worker-harness.js';

// A cluster for the multi-process tests: a queue schema and a store schema of their own, a client, the
// canonical store, and the repro-worker processes started on them. `stopClusters()` after each test.

export interface Cluster {
  queue: TestPostgres;
  store: TestPostgres;
  client: JobQueueClient;
  canonical: CanonicalStore;
  workers: WorkerProcess[];
  env: { databaseUrl: string; queueSchema: string; storeSchema: string };
}

const clusters: Cluster[] = [];

/** `databaseUrl`: what the workers get (the client and store use the test database as it is). */
export async function cluster(databaseUrl?: string): Promise<Cluster> {
  const queue = await createTestSchema('wq');
  const store = await createTestSchema('ws');
  const client = await JobQueueClient.open({ databaseUrl: queue.url, schema: queue.schema });
  const canonical = await openCanonicalStore({ connection: { kind: 'postgres', url: store.url }, schema: store.schema });
  await canonical.migrate();
  const c: Cluster = { queue, store, client, canonical, workers: [], env: { databaseUrl: databaseUrl ?? queue.url, queueSchema: queue.schema, storeSchema: store.schema } };
  clusters.push(c);
  return c;
}

export function spawnWorkers(c: Cluster, count: number, configPath: string, args: string[] = [], extraEnv: Record<string, string> = {}): WorkerProcess[] {
  const started = Array.from({ length: count }, () => startWorker(c.env, configPath, args, extraEnv));
  c.workers.push(...started);
  return started;
}

export const ready = (workers: WorkerProcess[]) => Promise.all(workers.map((w) => w.waitForEvent('worker_ready')));

/** State and retry count of jobs, through the client (pg-boss 12 `findJobs`), never pg-boss's tables. */
export async function jobRows(c: Cluster, ids: string[]) {
  const all = await c.client.listJobs({ limit: 10_000 });
  return ids.map((id) => {
    const job = all.find((j) => j.id === id);
    if (!job) throw new Error(`job ${id} not listed`);
    return { id, state: job.state, retry_count: job.retry_count };
  });
}

/** Which worker processes logged `event` for a job. */
export function loggedBy(workers: WorkerProcess[], jobId: string, event: string): number[] {
  return workers.filter((w) => w.lines.some((l) => l.event === event && l.job_id === jobId)).map((w) => w.pid);
}

/** Kill every worker of every cluster, close the clients and stores, drop the schemas. */
export async function stopClusters(): Promise<void> {
  for (const c of clusters.splice(0)) {
    await Promise.all(c.workers.map((w) => w.stop('SIGKILL')));
    await c.client.close();
    await c.canonical.close();
    await c.queue.drop();
    await c.store.drop();
  }
}
