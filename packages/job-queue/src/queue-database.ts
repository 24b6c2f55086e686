import { isConnectionFailure } from '@repro/canonical-provenance';
import pg from 'pg';
import { checkSchemaName, describeDatabaseUrl } from './database-location.js';
import { checkQueueDatabaseUrl } from './queue-database-url.js';
import { QueueTimeoutError, QueueUnavailableError } from './queue-errors.js';
import { withDeadline } from './with-deadline.js';

/** Deadlines of the job database's sessions when the caller sets none. */
export const DEFAULT_QUEUE_DB_TIMEOUTS = { connectTimeoutMs: 10_000, statementTimeoutMs: 60_000, queryTimeoutMs: 65_000 } as const;

export interface QueueDatabaseOptions {
  databaseUrl: string;
  /** pg-boss schema (default `pgboss`). */
  schema: string;
  /** Shown in pg_stat_activity (default `repro`). */
  applicationName?: string;
  /** Pool size (default 4). */
  maxConnections?: number;
  /** Opening a connection (default 10 s). */
  connectTimeoutMs?: number;
  /** Server-side `statement_timeout` of every session (default 60 s). */
  statementTimeoutMs?: number;
  /**
   * Client-side deadline of every query (pg `query_timeout`, default 65 s): a database that stops answering
   * (network cut, paused host) fails the query and the connection is dropped from the pool.
   */
  queryTimeoutMs?: number;
  /** Told about every failed and every first-successful-again query (reachability tracking). */
  onReachability?: (up: boolean, error?: Error) => void;
}

/** The shape pg-boss accepts as its `db` option. */
export interface ExecuteSql {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[]; rowCount?: number | null }>;
}

/**
 * The job database: one `pg.Pool` we own (pg-boss runs its SQL through it, via `db`), so that our fenced
 * transactions, reachability tracking and reconnects (a terminated backend is dropped from the pool; the
 * next query opens a new connection) cover pg-boss's queries too.
 */
export class QueueDatabase implements ExecuteSql {
  readonly pool: pg.Pool;
  readonly schema: string;
  readonly where: string;
  #up: boolean | null = null;
  readonly #onReachability: QueueDatabaseOptions['onReachability'];

  constructor(options: QueueDatabaseOptions) {
    checkQueueDatabaseUrl(options.databaseUrl);
    this.schema = checkSchemaName(options.schema);
    this.where = describeDatabaseUrl(options.databaseUrl);
    this.#onReachability = options.onReachability;
    this.pool = new pg.Pool({
      connectionString: options.databaseUrl,
      application_name: options.applicationName ?? 'repro',
      max: options.maxConnections ?? 4,
      connectionTimeoutMillis: options.connectTimeoutMs ?? DEFAULT_QUEUE_DB_TIMEOUTS.connectTimeoutMs,
      statement_timeout: options.statementTimeoutMs ?? DEFAULT_QUEUE_DB_TIMEOUTS.statementTimeoutMs,
      query_timeout: options.queryTimeoutMs ?? DEFAULT_QUEUE_DB_TIMEOUTS.queryTimeoutMs,
      keepAlive: true,
      idleTimeoutMillis: 30_000,
    });
    // An idle client whose backend died (database restart, pg_terminate_backend): the pool drops it.
    this.pool.on('error', (error) => this.#mark(false, error));
  }

  /** Reachable at the last query (null before the first). */
  get up(): boolean | null {
    return this.#up;
  }

  #mark(up: boolean, error?: Error): void {
    if (this.#up !== up) this.#onReachability?.(up, error);
    this.#up = up;
  }

  async executeSql(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[]; rowCount: number | null }> {
    try {
      const result = await this.pool.query(text, values as unknown[] | undefined);
      this.#mark(true);
      // pg returns an array of results for a multi-statement text (pg-boss's locked maintenance commands).
      const last = Array.isArray(result) ? (result.at(-1) as pg.QueryResult) : result;
      return { rows: last?.rows ?? [], rowCount: last?.rowCount ?? null };
    } catch (error) {
      if (isConnectionFailure(error)) this.#mark(false, error as Error);
      throw error;
    }
  }

  /** Run `work` in one transaction on one connection; `tx.executeSql` is pg-boss-compatible. */
  async transaction<T>(work: (tx: ExecuteSql) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      this.#mark(false, error as Error);
      throw error;
    }
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const tx: ExecuteSql = {
        executeSql: async (text, values) => {
          const result = await client.query(text, values);
          return { rows: result.rows, rowCount: result.rowCount };
        },
      };
      const value = await work(tx);
      await client.query('COMMIT');
      this.#mark(true);
      return value;
    } catch (error) {
      broken = error as Error;
      await client.query('ROLLBACK').catch(() => undefined);
      if (isConnectionFailure(error)) this.#mark(false, error as Error);
      throw error;
    } finally {
      client.release(broken !== undefined && isConnectionFailure(broken) ? broken : undefined);
    }
  }

  /**
   * Fail fast with a `QueueUnavailableError` (host:port and cause) when the database cannot be reached, or
   * does not answer within `timeoutMs` (default: the pool's deadlines), or `signal` fires first.
   */
  async ping(options: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<void> {
    try {
      await withDeadline(() => this.executeSql('select 1'), { where: this.where, operation: 'select 1', ...options });
    } catch (error) {
      if (error instanceof QueueTimeoutError) {
        this.#mark(false, error);
        throw new QueueUnavailableError(this.where, error.message);
      }
      if (options.signal?.aborted) throw error;
      throw new QueueUnavailableError(this.where, error instanceof Error ? error.message : String(error));
    }
  }

  async close(): Promise<void> {
    await this.pool.end().catch(() => undefined);
  }
}
