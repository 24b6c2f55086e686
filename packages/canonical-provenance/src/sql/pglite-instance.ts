/**
 * The part of a PGlite instance the store uses, stated structurally so the published types do not import
 * `@electric-sql/pglite` (an optional peer: a user of real PostgreSQL need not install it). A `PGlite`
 * object satisfies it as is.
 */
export interface PgliteQueryable {
  query<Row>(text: string, params?: unknown[]): Promise<{ rows: Row[] }>;
  exec(script: string): Promise<unknown>;
}

export interface PgliteInstance extends PgliteQueryable {
  transaction<Result>(work: (tx: PgliteQueryable) => Promise<Result>): Promise<Result>;
  close(): Promise<void>;
}
