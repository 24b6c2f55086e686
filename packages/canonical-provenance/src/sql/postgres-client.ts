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
  /** Server-side `statement_timeout` of every session (default 60 000 ms): no call of the store waits forever. */
  readonly statementTimeoutMs?: number;
  /** Server-side `lock_timeout` (default 30 000 ms): how long a statement may wait behind another session's lock. */
  readonly lockTimeoutMs?: number;
}

/** Deadlines of a PostgreSQL store's sessions when the caller sets none. */
export const DEFAULT_POSTGRES_TIMEOUTS = { connectTimeoutMs: 10_000, statementTimeoutMs: 60_000, lockTimeoutMs: 30_000 } as const;

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
    connectionTimeoutMillis: options.connectTimeoutMs ?? DEFAULT_POSTGRES_TIMEOUTS.connectTimeoutMs,
    statement_timeout: options.statementTimeoutMs ?? DEFAULT_POSTGRES_TIMEOUTS.statementTimeoutMs,
    lock_timeout: options.lockTimeoutMs ?? DEFAULT_POSTGRES_TIMEOUTS.lockTimeoutMs,
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
