import { createTestSchema, needPostgres, type TestPostgres } from '@repro/test-services';
import { PgBoss } from 'pg-boss';
import { afterEach, describe, expect, it } from 'vitest';
import {
  deadLetterQueue,
  InvalidJobIdError,
  InvalidJobPayloadError,
  JobNotFoundError,
  JobQueueClient,
  JobWaitTimeoutError,
  QueueDatabase,
  QueueSchemaMissingError,
  QueueTimeoutError,
  QueueUnavailableError,
  QueueUrlError,
  startJobQueue,
} from '../src/index.js';
import { PausableTcpProxy } from './pausable-tcp-proxy.js';

// The client against a real PostgreSQL, each test in its own schema. A stand-in worker (pg-boss 12 fetch +
// complete/fail) plays the other side where a test needs a job to finish.
const postgres = await needPostgres();
const opened: { schema: TestPostgres; client: JobQueueClient }[] = [];

async function openClient() {
  const schema = await createTestSchema('jq');
  const client = await JobQueueClient.open({ databaseUrl: schema.url, schema: schema.schema });
  opened.push({ schema, client });
  return { schema, client };
}

async function withBoss<T>(schema: TestPostgres, work: (boss: PgBoss) => Promise<T>): Promise<T> {
  const boss = new PgBoss({ connectionString: schema.url, schema: schema.schema, supervise: false, schedule: false, registerInstance: false });
  await boss.start();
  try {
    return await work(boss);
  } finally {
    await boss.stop({ graceful: false });
  }
}

afterEach(async () => {
  for (const { schema, client } of opened.splice(0)) {
    await client.close();
    await schema.drop();
  }
});

describe.skipIf(postgres === null)('JobQueueClient on PostgreSQL (pg-boss 12)', () => {
  it('submit validates, queues and returns the id; getJob shows it created, then completed with its result', async () => {
    const { schema, client } = await openClient();
    await expect(client.submit('verdict', { cell: 'c', metric: 'm', profile: 'p', command: ['sh'] } as never)).rejects.toBeInstanceOf(InvalidJobPayloadError);
    const { job_id } = await client.submit('verdict', { cell: 'defi_top5/fold-3', metric: 'f1_buy', profile: 'train' });
    expect(await client.getJob(job_id)).toEqual({ id: job_id, queue: 'verdict', state: 'created' });
    await withBoss(schema, async (boss) => {
      const [job] = await boss.fetch<unknown>('verdict');
      expect(job?.id).toBe(job_id);
      expect(job?.data).toEqual({ cell: 'defi_top5/fold-3', metric: 'f1_buy', profile: 'train', eps_num: 1e-9, parity_dims: ['build_sha', 'instance_type', 'os', 'lib_versions'] });
      await boss.complete('verdict', job!, { verdict: { verdict: 'FIDELITY_OK' } });
    });
    expect(await client.waitForJob(job_id, { timeoutMs: 5000, pollMs: 50 })).toEqual({ id: job_id, queue: 'verdict', state: 'completed', result: { verdict: { verdict: 'FIDELITY_OK' } } });
  });

  it('a job failed for good is failed with its reason and lands in the dead-letter queue', async () => {
    const { schema, client } = await openClient();
    // a gate queue without retries, so one failure is final
    await withBoss(schema, async (boss) => {
      await boss.createQueue('gate_dead');
      await boss.createQueue('gate', { retryLimit: 0, deadLetter: 'gate_dead' });
    });
    const { job_id } = await client.submit('gate', { run_id: 'run-1', expected: 2 });
    await withBoss(schema, async (boss) => {
      const [job] = await boss.fetch<unknown>('gate');
      await boss.fail('gate', job!, { kind: 'error', message: 'store unreachable' });
    });
    expect(await client.getJob(job_id)).toEqual({ id: job_id, queue: 'gate', state: 'failed', error: { kind: 'error', message: 'store unreachable' } });
    const dead = await client.listJobs({ queue: deadLetterQueue('gate') });
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ queue: 'gate_dead', state: 'created', payload: { run_id: 'run-1', expected: 2 } });
  });

  it('listJobs: newest first, filtered by queue and state, limited', async () => {
    const { client } = await openClient();
    const a = await client.submit('verdict', { cell: 'a', metric: 'm', profile: 'p' });
    const b = await client.submit('gate', { run_id: 'r', expected: 1 });
    const c = await client.submit('verdict', { cell: 'c', metric: 'm', profile: 'p' });
    expect((await client.listJobs()).map((j) => j.id)).toEqual([c.job_id, b.job_id, a.job_id]);
    expect((await client.listJobs({ queue: 'verdict' })).map((j) => j.id)).toEqual([c.job_id, a.job_id]);
    expect((await client.listJobs({ limit: 1 })).map((j) => j.id)).toEqual([c.job_id]);
    expect(await client.listJobs({ state: 'completed' })).toEqual([]);
    const [first] = await client.listJobs({ queue: 'gate' });
    expect(first).toMatchObject({ id: b.job_id, queue: 'gate', state: 'created', retry_count: 0, completed_on: null, payload: { run_id: 'r', expected: 1 } });
  });

  it('lookups never install the schema: on a database without the queue they say so (QueueSchemaMissingError, never "no jobs"); a non-UUID id is refused before any query', async () => {
    const { client, schema } = await openClient();
    const missing = await client.listJobs().catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(QueueSchemaMissingError);
    expect((missing as Error).message).toContain(`schema "${schema.schema}" holds no pg-boss queue`);
    await expect(client.getJob('00000000-0000-4000-8000-000000000000')).rejects.toBeInstanceOf(QueueSchemaMissingError);
    await expect(client.getJob('not-a-uuid')).rejects.toBeInstanceOf(InvalidJobIdError);
    // once installed (first submit), an unknown id is JobNotFoundError and an empty filter an empty list
    await client.submit('gate', { run_id: 'r', expected: 1 });
    await expect(client.getJob('00000000-0000-4000-8000-000000000000')).rejects.toBeInstanceOf(JobNotFoundError);
    expect(await client.listJobs({ state: 'completed' })).toEqual([]);
  });

  it('waitForJob gives up with JobWaitTimeoutError naming the state', async () => {
    const { client } = await openClient();
    const { job_id } = await client.submit('verdict', { cell: 'c', metric: 'm', profile: 'p' });
    const error = await client.waitForJob(job_id, { timeoutMs: 200, pollMs: 50 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobWaitTimeoutError);
    expect(error).toMatchObject({ jobId: job_id, state: 'created' });
  });

  it('an unreachable database fails fast with QueueUnavailableError naming host:port/db and never the password', async () => {
    const error = await JobQueueClient.open({ databaseUrl: 'postgres://u:sekret@127.0.0.1:1/nodb', connectTimeoutMs: 2000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QueueUnavailableError);
    expect((error as Error).message).toContain('127.0.0.1:1/nodb');
    expect((error as Error).message).not.toContain('sekret');
  });

  it('every call has a deadline: a database that stops answering ends submit, find, list and wait in QueueTimeoutError', { timeout: 60_000 }, async () => {
    const schema = await createTestSchema('jqdl');
    const upstream = new URL(schema.url);
    const proxy = await PausableTcpProxy.start({ host: upstream.hostname, port: Number(upstream.port || 5432) });
    const client = await JobQueueClient.open({ databaseUrl: proxy.rewrite(schema.url), schema: schema.schema, callTimeoutMs: 1500 });
    try {
      const { job_id } = await client.submit('verdict', { cell: 'c', metric: 'm', profile: 'p' });
      proxy.pause();
      await expect(client.submit('verdict', { cell: 'c', metric: 'm', profile: 'p' })).rejects.toBeInstanceOf(QueueTimeoutError);
      await expect(client.getJob(job_id)).rejects.toBeInstanceOf(QueueTimeoutError);
      await expect(client.listJobs({ timeoutMs: 500 })).rejects.toMatchObject({ name: 'QueueTimeoutError', timeoutMs: 500 });
      await expect(client.waitForJob(job_id, { pollMs: 50, callTimeoutMs: 500 })).rejects.toBeInstanceOf(QueueTimeoutError);
      // an AbortSignal ends a call at once, with its reason
      const controller = new AbortController();
      const pending = client.getJob(job_id, { signal: controller.signal, timeoutMs: 60_000 });
      controller.abort(new Error('user pressed ^C'));
      await expect(pending).rejects.toThrow('user pressed ^C');
      proxy.resume();
    } finally {
      await client.close(2000);
      await proxy.close();
      await schema.drop();
    }
  });
});

describe('startJobQueue (what the worker connects with) on a database that never answers', () => {
  it('ends on its signal, and on its deadline with QueueTimeoutError', async () => {
    const silent = await PausableTcpProxy.start(null);
    const db = new QueueDatabase({ databaseUrl: `postgres://u@127.0.0.1:${silent.port}/db`, schema: 'pgboss', connectTimeoutMs: 60_000 });
    try {
      const controller = new AbortController();
      const starting = startJobQueue(db, { supervise: false, signal: controller.signal });
      controller.abort(new Error('worker stopping'));
      await expect(starting).rejects.toThrow('worker stopping');
      await expect(startJobQueue(db, { supervise: false, timeoutMs: 300 })).rejects.toBeInstanceOf(QueueTimeoutError);
    } finally {
      void db.close();
      await silent.close();
    }
  });
});

describe('JobQueueClient connect deadline and URL handling (no database needed)', () => {
  it('connecting to a server that accepts and never answers ends in QueueUnavailableError within the connect deadline; an AbortSignal ends it too', async () => {
    const silent = await PausableTcpProxy.start(null);
    try {
      const error = await JobQueueClient.open({ databaseUrl: `postgres://u:pw@127.0.0.1:${silent.port}/db`, connectTimeoutMs: 500 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(QueueUnavailableError);
      expect((error as Error).message).toContain(`127.0.0.1:${silent.port}/db`);
      const controller = new AbortController();
      const opening = JobQueueClient.open({ databaseUrl: `postgres://u@127.0.0.1:${silent.port}/db`, connectTimeoutMs: 60_000, signal: controller.signal });
      controller.abort(new Error('stop'));
      await expect(opening).rejects.toThrow('stop');
    } finally {
      await silent.close();
    }
  });

  it.each([
    ['garbage', /^DATABASE_URL: not a URL/],
    ['http://db.example:5432/x', /^DATABASE_URL: scheme "http:\/\/" is not supported: only postgres:\/\/ and postgresql:\/\//],
    ['postgres://u:pw@127.0.0.1:99999/db', /^DATABASE_URL: port 99999 out of range \(1-65535\)$/],
    ['postgres://u:pw@127.0.0.1:0/db', /^DATABASE_URL: port 0 out of range/],
    ['postgresql://u:pw@127.0.0.1:54x/db', /^DATABASE_URL: port "54x" is not a number/],
    ['postgres://u:pw@exa mple/db', /^DATABASE_URL: not a valid URL/],
  ])('%s is refused as bad input (QueueUrlError) before any lookup or connection', async (url, message) => {
    const error = await JobQueueClient.open({ databaseUrl: url, connectTimeoutMs: 60_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QueueUrlError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('pw');
  });
});
