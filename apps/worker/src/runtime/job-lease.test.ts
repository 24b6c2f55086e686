import { QueueDatabase, startJobQueue } from '@repro/job-queue';
import { createTestSchema, needPostgres, type TestPostgres } from '@repro/test-services';
import type { JobWithMetadata, PgBoss } from 'pg-boss';
import { afterEach, describe, expect, it } from 'vitest';
import { JobLease } from './job-lease.js';

// JobLease on a real PostgreSQL with pg-boss 12: the attempt fence, release without using an attempt,
// and permanent failure straight to the dead-letter queue.
const postgres = await needPostgres();
const opened: { schema: TestPostgres; db: QueueDatabase; boss: PgBoss }[] = [];
const POLICY = { retryLimit: 3, retryDelaySeconds: 0, retryBackoff: false, leaseSeconds: 10 };

async function queue() {
  const schema = await createTestSchema('jl');
  const db = new QueueDatabase({ databaseUrl: schema.url, schema: schema.schema });
  const boss = await startJobQueue(db, { supervise: false, policy: POLICY });
  opened.push({ schema, db, boss });
  return { db, boss };
}

async function claim(boss: PgBoss): Promise<JobWithMetadata<unknown>> {
  const [job] = await boss.fetch<unknown>('verdict', { includeMetadata: true });
  if (!job) throw new Error('nothing to claim');
  return job;
}

const state = async (boss: PgBoss, id: string) => (await boss.findJobs<unknown>('verdict', { id }))[0];

afterEach(async () => {
  for (const { schema, db, boss } of opened.splice(0)) {
    await boss.stop({ graceful: false, close: false });
    await db.close();
    await schema.drop();
  }
});

describe.skipIf(postgres === null)('JobLease (pg-boss 12, public API only)', () => {
  it('release gives the job back claimable at once and keeps every retry it had; the released attempt can no longer write', async () => {
    const { db, boss } = await queue();
    const id = (await boss.send('verdict', { cell: 'c' }))!;
    const first = await claim(boss);
    expect(first).toMatchObject({ id, retryCount: 0, retryLimit: 3 });
    const lease = new JobLease(db, boss, 'verdict', first);
    expect(await lease.renew()).toBe(true);
    expect(await lease.release()).toBe(true);
    expect(await state(boss, id)).toMatchObject({ state: 'created', retryCount: 0 });

    const second = await claim(boss);
    // pg-boss 12 counts the new claim (retryCount 1) and the limit went up by one: 3 retries left, as before
    expect(second.retryLimit - second.retryCount).toBe(first.retryLimit - first.retryCount);
    expect(await lease.complete({ late: true })).toBe(false);
    expect(await lease.renew()).toBe(false);
    expect(await lease.release()).toBe(false);
    expect(await new JobLease(db, boss, 'verdict', second).complete({ ok: true })).toBe(true);
    expect(await state(boss, id)).toMatchObject({ state: 'completed', output: { ok: true } });
  });

  it('a retryable failure goes to retry; a permanent one is failed now and dead-lettered, never retried', async () => {
    const { db, boss } = await queue();
    const retryable = (await boss.send('verdict', { cell: 'r' }))!;
    expect(await new JobLease(db, boss, 'verdict', await claim(boss)).fail({ kind: 'error', message: 'store down' }, { permanent: false })).toBe('retry');
    expect(await state(boss, retryable)).toMatchObject({ state: 'retry', output: { kind: 'error', message: 'store down' } });

    const permanent = (await boss.send('verdict', { cell: 'p' }))!;
    let job = await claim(boss);
    while (job.id !== permanent) job = await claim(boss); // the retry above may come first
    const reason = { kind: 'unknown_profile', message: 'unknown profile "x"', field: 'profile' };
    expect(await new JobLease(db, boss, 'verdict', job).fail(reason, { permanent: true })).toBe('failed');
    expect(await state(boss, permanent)).toMatchObject({ state: 'failed', retryCount: 0, output: reason });
    const dead = await boss.findJobs<unknown>('verdict_dead', {});
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ data: { cell: 'p' }, sourceId: permanent, sourceOutput: reason });
  });

  it('a write from an attempt whose claim lapsed changes nothing (the attempt fence)', async () => {
    const { db, boss } = await queue();
    const id = (await boss.send('verdict', { cell: 'c' }))!;
    const stale = new JobLease(db, boss, 'verdict', await claim(boss));
    await boss.fail('verdict', id, { value: { message: 'job heartbeat timeout' } }); // what supervision does to a lapsed heartbeat
    const owner = await claim(boss);
    expect(owner.retryCount).toBe(1);
    expect(await stale.complete({ late: true })).toBe(false);
    expect(await stale.fail({ kind: 'error', message: 'late' }, { permanent: true })).toBeNull();
    expect(await state(boss, id)).toMatchObject({ state: 'active', retryCount: 1 });
  });
});
