import type { CanonicalStore } from '@repro/canonical-provenance';
import type { CommandContext } from '../command-context.js';
import { resolveStoreConnection } from './resolve-store-connection.js';
import type { StoreFlags } from './store-options.js';

// The store package (PGlite, pg) and its error mapping load when a command opens the store, never at
// start-up: modules that only import this one (command definitions of other packages) stay light.
const loadStore = () => import('@repro/canonical-provenance');
const loadErrors = () => import('./store-cli-error.js');

export interface OpenStoreSettings {
  /**
   * `ready` (default): the schema must be up to date — the embedded store migrates itself; a PostgreSQL
   * store with pending migrations → exit 3 asking for `repro db migrate`. `as-is`: opened without any
   * check (db migrate, db status, reads of mapped external tables).
   */
  readonly prepare?: 'ready' | 'as-is';
}

/**
 * Opens the store named by `--db` / `DATABASE_URL` / the embedded default, with the store's events
 * rendered on stderr. Every failure is already a CliError (2 bad flag or URL, 3 unavailable or not
 * migrated). The caller closes the store (see withStoreFromCli).
 */
export async function openStoreFromCli(ctx: CommandContext, flags: StoreFlags, settings: OpenStoreSettings = {}): Promise<CanonicalStore> {
  const resolved = resolveStoreConnection(ctx, flags);
  const { openCanonicalStore, StoreInputError, StoreNotMigratedError } = await loadStore();
  const { storeCliError } = await loadErrors();
  let store: CanonicalStore;
  try {
    store = await openCanonicalStore({ connection: resolved.connection, schema: resolved.schema, emit: (event) => ctx.emitEvent(event) });
  } catch (error) {
    if (error instanceof StoreInputError && error.field === 'url') throw storeCliError(error, () => resolved.source);
    if (error instanceof StoreInputError && error.field === 'schema') throw storeCliError(error, () => (resolved.schemaSource === 'default' ? 'schema' : resolved.schemaSource));
    throw storeCliError(error);
  }
  if ((settings.prepare ?? 'ready') === 'as-is') return store;
  try {
    const status = await store.migrationStatus();
    if (status.problem !== null) throw status.problem;
    if (status.pending.length > 0) {
      if (store.backend !== 'pglite') throw new StoreNotMigratedError(`${store.schema} at ${store.target}`, status.pending.map((m) => m.version));
      await store.migrate();
    }
    return store;
  } catch (error) {
    await store.close().catch(() => undefined);
    throw storeCliError(error);
  }
}

/** Opens the store, runs `work`, and always closes it; store errors from `work` become CliErrors. */
export async function withStoreFromCli<T>(
  ctx: CommandContext,
  flags: StoreFlags,
  work: (store: CanonicalStore) => Promise<T>,
  settings: OpenStoreSettings & { readonly fieldName?: (field: string) => string } = {},
): Promise<T> {
  const store = await openStoreFromCli(ctx, flags, settings);
  const { storeCliError } = await loadErrors();
  try {
    return await work(store);
  } catch (error) {
    throw storeCliError(error, settings.fieldName);
  } finally {
    await store.close().catch(() => undefined);
  }
}
