/** One statement at a time, always parameterised (`$1`, `$2`, …). */
export interface SqlQueryable {
  /** One statement with bound parameters; resolves to its rows. */
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<Row[]>;
  /** A script of several statements without parameters (migrations only). */
  exec(script: string): Promise<void>;
}

export type SqlBackend = 'postgres' | 'pglite';

/** The two backends behind one interface: the same SQL runs on both. */
export interface SqlClient extends SqlQueryable {
  readonly backend: SqlBackend;
  /** Where the data is, for people: `postgres://user@host:port/db` (never a password) or `pglite:/dir`. */
  readonly target: string;
  /** `host:port` or the embedded data directory: what an unavailable-store message names. */
  readonly where: string;
  /** Runs `work` in one transaction on one connection: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: SqlQueryable) => Promise<T>, options?: { readOnly?: boolean }): Promise<T>;
  close(): Promise<void>;
}
