import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { serviceMissing } from './service-policy.js';

export const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

export interface TestPostgres {
  /** Connection string of the test database. */
  url: string;
  /** A fresh schema name, unique to this call; dropped by `drop()`. */
  schema: string;
  /** Drop the schema (CASCADE). */
  drop(): Promise<void>;
}

export function testDatabaseUrl(): string {
  return process.env.REPRO_TEST_DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL;
}

/** Is PostgreSQL reachable? null (skip) locally when not; throws in CI. */
export async function needPostgres(): Promise<{ url: string } | null> {
  const url = testDatabaseUrl();
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('select 1');
    return { url };
  } catch (error) {
    return serviceMissing(
      `PostgreSQL at ${url}`,
      "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start (or set REPRO_TEST_DATABASE_URL)",
      error,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Create a uniquely named schema in the test database, so runs never collide. */
export async function createTestSchema(prefix = 't'): Promise<TestPostgres> {
  const url = testDatabaseUrl();
  const schema = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`create schema "${schema}"`);
  } finally {
    await client.end();
  }
  return {
    url,
    schema,
    async drop() {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        await c.query(`drop schema if exists "${schema}" cascade`);
      } finally {
        await c.end();
      }
    },
  };
}
