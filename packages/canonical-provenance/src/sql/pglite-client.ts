import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { StoreUnavailableError } from '../store-errors.js';
import { acquireDirectoryLock, type DirectoryLock, type LockTakeover } from './embedded-dir-lock.js';
import { loadOptionalDriver } from './optional-driver.js';
import type { PgliteInstance, PgliteQueryable } from './pglite-instance.js';
import { pgliteStartOptions } from './pglite-start-options.js';
import { defaultTemplateCacheDir, discardTemplate, ensurePgliteTemplate, isMissingOrEmpty, seedFromTemplate } from './pglite-template.js';
import type { SqlClient, SqlQueryable } from './sql-client.js';

/** Where the embedded store keeps its files: `<dataDir>/pgdata` (PGlite) and `<dataDir>/store.lock`. */
export function embeddedLayout(dataDir: string): { readonly pgdata: string; readonly lockFile: string } {
  const root = resolve(dataDir);
  return { pgdata: join(root, 'pgdata'), lockFile: join(root, 'store.lock') };
}

function queryable(db: PgliteQueryable): SqlQueryable {
  return {
    async query<Row>(text: string, params: readonly unknown[] = []): Promise<Row[]> {
      return (await db.query<Row>(text, params as unknown[])).rows;
    },
    async exec(script: string): Promise<void> {
      await db.exec(script);
    },
  };
}

function wrap(db: PgliteInstance, target: string, where: string, onClose: () => Promise<void>): SqlClient {
  return {
    backend: 'pglite',
    target,
    where,
    ...queryable(db),
    transaction: (work, settings) =>
      db.transaction(async (tx) => {
        if (settings?.readOnly === true) await tx.exec('set transaction read only');
        return work(queryable(tx));
      }),
    close: onClose,
  };
}

/** How long an opener waits for a live Repro process holding the embedded store (then fails, naming it). */
export const DEFAULT_LOCK_TIMEOUT_MS = 5_000;

export interface PgliteDirectoryOptions {
  readonly lockTimeoutMs?: number;
  readonly onLockTakeover?: (takeover: LockTakeover) => void;
  /**
   * Where pre-initialised data directories (one per PGlite version) are cached, so a new store is a copy
   * instead of an initdb; null: no template (PGlite runs initdb). Default: defaultTemplateCacheDir().
   */
  readonly templateCacheDir?: string | null;
}

type PgliteClass = (typeof import('@electric-sql/pglite'))['PGlite'];

/** Starts PGlite (on a data directory, or in memory) with the embedded store's start options. */
function pgliteStarter(PGlite: PgliteClass): (dataDir?: string) => Promise<PgliteInstance> {
  const options = pgliteStartOptions(PGlite);
  return (dataDir) => (dataDir === undefined ? PGlite.create(options) : PGlite.create(dataDir, options));
}

/**
 * Starts PGlite on `pgdata`. A new (missing or empty) data directory is first seeded from the template of
 * this PGlite version (built, or rebuilt when damaged, with the same start options); when seeding fails,
 * or PGlite cannot start from the copy (the template is then discarded), PGlite runs initdb instead.
 */
async function startPglite(start: (dataDir: string) => Promise<PgliteInstance>, pgdata: string, templateCacheDir: string | null): Promise<PgliteInstance> {
  if (templateCacheDir === null || !(await isMissingOrEmpty(pgdata))) return start(pgdata);
  const template = await ensurePgliteTemplate(start, templateCacheDir);
  if (template === null || !(await seedFromTemplate(template, pgdata).catch(() => false))) return start(pgdata);
  try {
    return await start(pgdata);
  } catch {
    await discardTemplate(template.folder);
    await rm(pgdata, { recursive: true, force: true });
    return start(pgdata);
  }
}

/**
 * The embedded store on disk: takes the directory lock (one process at a time; a stale lock — dead,
 * unreadable, reused pid, not a Repro process — is taken over and reported through `onLockTakeover`),
 * then starts PGlite on `<dataDir>/pgdata` (a new store is seeded from the cached template, see
 * startPglite). A directory PGlite cannot open → StoreUnavailableError naming it.
 */
export async function openPgliteDirectory(dataDir: string, options: PgliteDirectoryOptions = {}): Promise<SqlClient> {
  const where = resolve(dataDir);
  const layout = embeddedLayout(dataDir);
  try {
    await mkdir(where, { recursive: true });
  } catch (error) {
    throw new StoreUnavailableError(where, `cannot create the embedded store directory: ${(error as Error).message}`, { cause: error });
  }
  const lock: DirectoryLock = await acquireDirectoryLock(layout.lockFile, {
    timeoutMs: options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS,
    where,
    ...(options.onLockTakeover === undefined ? {} : { onTakeover: options.onLockTakeover }),
  });
  let db: PgliteInstance;
  try {
    const { PGlite } = await loadOptionalDriver('@electric-sql/pglite', where, () => import('@electric-sql/pglite'));
    const templateCacheDir = options.templateCacheDir === undefined ? defaultTemplateCacheDir() : options.templateCacheDir;
    db = await startPglite(pgliteStarter(PGlite), layout.pgdata, templateCacheDir);
  } catch (error) {
    await lock.release();
    throw new StoreUnavailableError(where, `PGlite cannot open the embedded store: ${(error as Error).message}`, { cause: error });
  }
  return wrap(db, `pglite:${where}`, where, async () => {
    try {
      await db.close();
    } finally {
      await lock.release();
    }
  });
}

/** A throw-away embedded store in memory (tests, demos). */
export async function openPgliteMemory(): Promise<SqlClient> {
  const { PGlite } = await loadOptionalDriver('@electric-sql/pglite', 'pglite:memory', () => import('@electric-sql/pglite'));
  const db = await pgliteStarter(PGlite)();
  return wrap(db, 'pglite:memory', 'pglite:memory', () => db.close());
}

/** A PGlite instance the caller owns (opened and closed by the caller; `close()` leaves it open). */
export function usePgliteInstance(db: PgliteInstance): SqlClient {
  return wrap(db, 'pglite:instance', 'pglite:instance', async () => undefined);
}
