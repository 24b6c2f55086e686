import { createTestSchema, needPostgres, type TestPostgres } from '@repro/test-services';
import pg from 'pg';
import { getMigrationPlans } from 'pg-boss';
import { afterEach, describe, expect, it } from 'vitest';
import { JobQueueClient, OLDEST_MIGRATABLE_SCHEMA_VERSION, QueueDatabase, QueueSchemaVersionError, startJobQueue } from '../src/index.js';
import { createPgBoss10Schema } from './pg-boss-10-schema.js';

const postgres = await needPostgres();
const schemas: TestPostgres[] = [];
afterEach(async () => {
  for (const s of schemas.splice(0)) await s.drop();
});

describe('pg-boss schema versions', () => {
  it('the migration floor matches the installed pg-boss: it migrates from version 25 (pg-boss 11) and refuses 24 (pg-boss 10)', () => {
    expect(OLDEST_MIGRATABLE_SCHEMA_VERSION).toBe(25);
    expect(typeof getMigrationPlans('floor_check', OLDEST_MIGRATABLE_SCHEMA_VERSION)).toBe('string');
    expect(() => getMigrationPlans('floor_check', OLDEST_MIGRATABLE_SCHEMA_VERSION - 1)).toThrow(/oldest supported starting version is 25/);
  });
});

describe.skipIf(postgres === null)('a database holding pg-boss 10’s schema from an earlier worker', () => {
  it('is refused with a message naming the schema, its version and what to do; its jobs (one in flight) are left as they were', { timeout: 180_000 }, async () => {
    const queue = await createTestSchema('pgb10');
    schemas.push(queue);
    const before = createPgBoss10Schema(queue.url, queue.schema);
    expect(before.version).toBe(24); // pg-boss 10's schema version, below the floor of 25

    const db = new QueueDatabase({ databaseUrl: queue.url, schema: queue.schema });
    try {
      const refused = await startJobQueue(db, { supervise: true }).then(
        () => null,
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(QueueSchemaVersionError);
      const error = refused as QueueSchemaVersionError;
      expect(error).toMatchObject({ schema: queue.schema, found: before.version, oldestMigratable: 25, where: '127.0.0.1:5432/test' });
      expect(error.message).toContain(`job queue schema "${queue.schema}"`);
      expect(error.message).toContain(`pg-boss schema version ${before.version} (pg-boss 10 or older)`);
      expect(error.message).toContain('left untouched');
      expect(error.message).toContain(`drop schema "${queue.schema}" cascade`);
    } finally {
      await db.close();
    }

    // the client refuses too, before queueing anything
    const client = await JobQueueClient.open({ databaseUrl: queue.url, schema: queue.schema });
    try {
      await expect(client.submit('verdict', { cell: 'c', metric: 'm', profile: 'p' })).rejects.toBeInstanceOf(QueueSchemaVersionError);
    } finally {
      await client.close();
    }

    // nothing changed: pg-boss 10's version, its in-flight job still active, its waiting job still created
    const check = new pg.Client({ connectionString: queue.url });
    await check.connect();
    try {
      const version = await check.query(`select version from "${queue.schema}".version`);
      expect(Number(version.rows[0].version)).toBe(before.version);
      const jobs = await check.query(`select id, state::text as state from "${queue.schema}".job order by created_on`);
      expect(jobs.rows).toEqual([
        { id: before.activeJobId, state: 'active' },
        { id: before.waitingJobId, state: 'created' },
      ]);
    } finally {
      await check.end();
    }
  });
});
