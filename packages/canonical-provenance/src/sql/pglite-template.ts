import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { cp, mkdir, readdir, readFile, rename, rm, rmdir, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The part of `@electric-sql/pglite`'s `PGlite` class the template needs. */
export interface PgliteClass {
  create(dataDir: string): Promise<{ close(): Promise<void> }>;
}

/**
 * Where pre-initialised PGlite data directories are kept, one per PGlite version:
 * `$XDG_CACHE_HOME/repro/pglite-template` (else `~/.cache/repro/pglite-template`).
 */
export function defaultTemplateCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const cacheHome = env.XDG_CACHE_HOME !== undefined && env.XDG_CACHE_HOME !== '' ? env.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(cacheHome, 'repro', 'pglite-template');
}

function resolvePgliteEntry(): string | null {
  try {
    const resolveFromMeta = (import.meta as { resolve?: (specifier: string) => string } | undefined)?.resolve;
    if (typeof resolveFromMeta === 'function') return fileURLToPath(resolveFromMeta('@electric-sql/pglite'));
  } catch {
    // fall through to require.resolve
  }
  try {
    const requireHere = typeof require === 'function' ? require : createRequire(import.meta.url);
    return requireHere.resolve('@electric-sql/pglite');
  } catch {
    return null;
  }
}

let cachedVersion: Promise<string | null> | undefined;

/** The installed PGlite's version (from its package.json), or null when it cannot be found (then no template is used). */
export function installedPgliteVersion(): Promise<string | null> {
  cachedVersion ??= (async () => {
    const entry = resolvePgliteEntry();
    if (entry === null) return null;
    // The entry is <package>/dist/index.(c)js.
    try {
      const manifest = JSON.parse(await readFile(join(dirname(dirname(entry)), 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      return manifest.name === '@electric-sql/pglite' && typeof manifest.version === 'string' ? manifest.version : null;
    } catch {
      return null;
    }
  })();
  return cachedVersion;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** A directory that is missing or empty (nothing PGlite or a person put there). */
export async function isMissingOrEmpty(path: string): Promise<boolean> {
  try {
    return (await readdir(path)).length === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
}

function sideName(path: string, label: string): string {
  return `${path}.${label}-${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** Copies a directory tree (copy-on-write clones where the file system supports them). */
async function copyTree(from: string, to: string): Promise<void> {
  await cp(from, to, { recursive: true, errorOnExist: true, force: false, mode: constants.COPYFILE_FICLONE });
}

/**
 * Returns the template data directory of this PGlite version, creating it on first need: PGlite runs
 * initdb in a private directory next to it, closes cleanly, and the directory is renamed into place
 * (a concurrent creator's rename loses harmlessly; a crash leaves only a private directory). null when
 * PGlite's version is unknown or the cache is not writable: the caller then lets PGlite run initdb.
 */
export async function ensurePgliteTemplate(PGlite: PgliteClass, cacheDir: string): Promise<string | null> {
  const version = await installedPgliteVersion();
  if (version === null) return null;
  const template = join(cacheDir, `pglite-${version}`);
  if (await exists(join(template, 'PG_VERSION'))) return template;
  const building = sideName(template, 'building');
  try {
    await mkdir(cacheDir, { recursive: true });
    const db = await PGlite.create(building);
    await db.close();
    if (!(await exists(join(building, 'PG_VERSION')))) return null;
    try {
      await rename(building, template);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
    }
    return (await exists(join(template, 'PG_VERSION'))) ? template : null;
  } catch {
    return null;
  } finally {
    await rm(building, { recursive: true, force: true }).catch(() => undefined);
  }
}

/**
 * Fills a missing or empty PGlite data directory from the template: the copy is made beside it and
 * renamed into place, so a crash leaves either no data directory (initdb or the template again next
 * time) or a complete one — never a half-copied one. Returns false (nothing changed) when `pgdata`
 * already holds anything.
 */
export async function seedFromTemplate(template: string, pgdata: string): Promise<boolean> {
  if (!(await isMissingOrEmpty(pgdata))) return false;
  const seeding = sideName(pgdata, 'seeding');
  try {
    await copyTree(template, seeding);
    // Only an empty directory is removed (rmdir refuses anything else).
    await rmdir(pgdata).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    await rename(seeding, pgdata);
    return true;
  } finally {
    await rm(seeding, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** Removes a template PGlite could not start from (so the next opener builds a fresh one). */
export async function discardTemplate(template: string): Promise<void> {
  const aside = sideName(template, 'discarded');
  try {
    await rename(template, aside);
  } catch {
    return;
  }
  await rm(aside, { recursive: true, force: true }).catch(() => undefined);
}
