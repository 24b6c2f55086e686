import type { EventSink } from '@repro/verdict-core';
import { openPgliteDirectory, openPgliteMemory, usePgliteInstance } from './sql/pglite-client.js';
import type { PgliteInstance } from './sql/pglite-instance.js';
import { openPostgresClient } from './sql/postgres-client.js';
import { checkSchemaName } from './sql/quote-identifier.js';
import type { SqlClient } from './sql/sql-client.js';
import { type CanonicalStore, SqlCanonicalStore } from './store/canonical-store.js';
import type { StoreEvent } from './store-events.js';

/** Where the store lives. */
export type StoreConnection =
  /** PostgreSQL through `pg`: `postgres://user@host:port/database`. */
  | {
      readonly kind: 'postgres';
      readonly url: string;
      /** Pool size (default 4). */
      readonly poolSize?: number;
      /** Connection timeout (default 10 000 ms). */
      readonly connectTimeoutMs?: number;
      /** Server-side statement timeout of every session (default 60 000 ms). */
      readonly statementTimeoutMs?: number;
      /** How long a statement may wait behind another session's lock (default 30 000 ms). */
      readonly lockTimeoutMs?: number;
      /** `application_name` of the sessions (default `repro`). */
      readonly applicationName?: string;
    }
  /**
   * Embedded PGlite on disk under `dataDir` (one process at a time; others wait up to `lockTimeoutMs`,
   * default 5 s). A new store is a copy of a pre-initialised data directory cached per PGlite version in
   * `templateCacheDir` (default `$XDG_CACHE_HOME/repro/pglite-template`; null: PGlite runs initdb).
   */
  | { readonly kind: 'pglite'; readonly dataDir: string; readonly lockTimeoutMs?: number; readonly templateCacheDir?: string | null }
  /** Embedded PGlite in memory, gone on close (tests, demos). */
  | { readonly kind: 'pglite-memory' }
  /** A PGlite instance you own: the store uses it and never closes it. */
  | { readonly kind: 'pglite-instance'; readonly instance: PgliteInstance };

export interface OpenStoreOptions {
  readonly connection: StoreConnection;
  /** The SQL schema holding the store's tables (default `repro`). */
  readonly schema?: string;
  /** Receives the store's events (after each write commits). Default: none. */
  readonly emit?: EventSink<StoreEvent>;
}

export const DEFAULT_SCHEMA = 'repro';

async function openClient(connection: StoreConnection, emit: EventSink<StoreEvent>): Promise<SqlClient> {
  switch (connection.kind) {
    case 'postgres':
      return openPostgresClient(connection);
    case 'pglite':
      return openPgliteDirectory(connection.dataDir, {
        ...(connection.lockTimeoutMs === undefined ? {} : { lockTimeoutMs: connection.lockTimeoutMs }),
        ...(connection.templateCacheDir === undefined ? {} : { templateCacheDir: connection.templateCacheDir }),
        onLockTakeover: (takeover) =>
          emit({ event: 'store_lock_taken_over', severity: 'warning', file: takeover.file, reason: takeover.reason, previous_pid: takeover.previousPid }),
      });
    case 'pglite-memory':
      return openPgliteMemory();
    case 'pglite-instance':
      return usePgliteInstance(connection.instance);
  }
}

/**
 * Opens the store (connects, or starts the embedded database) without migrating it: call `migrate()`
 * (or `ensureMigrated()`) before use. Unreachable database → StoreUnavailableError; bad URL or schema
 * name → StoreInputError.
 */
export async function openCanonicalStore(options: OpenStoreOptions): Promise<CanonicalStore> {
  const schema = checkSchemaName(options.schema ?? DEFAULT_SCHEMA);
  const emit = options.emit ?? (() => undefined);
  const client = await openClient(options.connection, emit);
  return new SqlCanonicalStore(client, schema, emit);
}
