import type { Pool, PoolClient } from 'pg';
import { rethrowConnectionFailure } from './connection-failure.js';
import { loadOptionalDriver } from './optional-driver.js';
import { readPostgresAddress } from './postgres-url.js';
import type { SqlClient, SqlQueryable } from './sql-client.js';

export interface PostgresClientOptions {
  readonly url: string;
  /** Connections in the pool (default 4). */
  readonly poolSize?: number;
  /** How long to wait for a connection before giving up (default 10 000 ms). */
  readonly connectTimeoutMs?: number;
  /** `application_name` of the sessions (default `repro`). */
  readonly applicationName?: string;
}

function queryable(run: (text: string, params?: readonly unknown[]) => Promise<{ rows: unknown[] }>, where: string): SqlQueryable {
  return {
    async query<Row>(text: string, params: readonly unknown[] = []): Promise<Row[]> {
      try {
        return (await run(text, params)).rows as Row[];
      } catch (error) {
        return rethrowConnectionFailure(error, where);
      }
    },
    async exec(script: string): Promise<void> {
      try {
        await run(script);
      } catch (error) {
        rethrowConnectionFailure(error, where);
      }
    },
  };
}

/** Opens a `pg` pool and checks it can connect; a failure → StoreUnavailableError naming host:port and the cause. */
export async function openPostgresClient(options: PostgresClientOptions): Promise<SqlClient> {
  const address = readPostgresAddress(options.url);
  const { default: pg } = await loadOptionalDriver('pg', address.where, () => import('pg'));
  const pool: Pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 4,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    application_name: options.applicationName ?? 'repro',
  });
  // An idle connection dropped by the server must not crash the process: the next query reports it.
  pool.on('error', () => undefined);
  const run = (text: string, params?: readonly unknown[]) => (params === undefined ? pool.query(text) : pool.query(text, params as unknown[]));
  const base = queryable(run, address.where);
  try {
    await base.query('select 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  return {
    backend: 'postgres',
    target: address.display,
    where: address.where,
    ...base,
    async transaction(work, settings) {
      let client: PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        return rethrowConnectionFailure(error, address.where);
      }
      const tx = queryable((text, params) => (params === undefined ? client.query(text) : client.query(text, params as unknown[])), address.where);
      let broken: Error | undefined;
      try {
        await tx.exec(settings?.readOnly === true ? 'begin transaction read only' : 'begin');
        const result = await work(tx);
        await tx.exec('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch((rollbackError: unknown) => {
          broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
        });
        throw error;
      } finally {
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
