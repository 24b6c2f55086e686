import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rename, rm, rmdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { forEachBounded } from './bounded-concurrency.js';
import { checkTemplate, FILE_CONCURRENCY, sealTemplate, TEMPLATE_PGDATA_DIR, type TemplateManifest } from './pglite-template-manifest.js';
import { isProcessAlive } from './process-alive.js';

/** Starts PGlite on a data directory (with the store's start options): how the template is built. */
export type StartPglite = (dataDir: string) => Promise<{ close(): Promise<void> }>;

/** A complete template: its folder (discarded as a whole), the data directory a new store is copied from, and what it holds. */
export interface PgliteTemplate {
  readonly folder: string;
  readonly pgdata: string;
  readonly manifest: TemplateManifest;
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

/** A directory that is missing or empty (nothing PGlite or a person put there). */
export async function isMissingOrEmpty(path: string): Promise<boolean> {
  try {
    return (await readdir(path)).length === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
}

const SIDE_LABELS = ['building', 'seeding', 'discarded'] as const;

function sideName(path: string, label: (typeof SIDE_LABELS)[number]): string {
  return `${path}.${label}-${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** Removes the side directories (see sideName) that a process now dead left in `parent` when it crashed. */
async function removeOrphanedSideDirs(parent: string): Promise<void> {
  const pattern = new RegExp(`\\.(?:${SIDE_LABELS.join('|')})-(\\d+)-[0-9a-f]{8}$`);
  for (const name of await readdir(parent).catch(() => [] as string[])) {
    const match = pattern.exec(name);
    if (match !== null && !isProcessAlive(Number(match[1]))) await rm(join(parent, name), { recursive: true, force: true }).catch(() => undefined);
  }
}

/** Copies the template's data directory as its manifest lists it, several files at a time (copy-on-write clones where the file system supports them). */
async function copyTemplateData(template: PgliteTemplate, to: string): Promise<void> {
  await mkdir(to, { mode: 0o700 });
  // Sorted, so every directory comes after its parent.
  for (const dir of template.manifest.dirs) await mkdir(join(to, dir), { mode: 0o700 });
  await forEachBounded(Object.keys(template.manifest.files), FILE_CONCURRENCY, (file) =>
    copyFile(join(template.pgdata, file), join(to, file), constants.COPYFILE_EXCL | constants.COPYFILE_FICLONE),
  );
}

/** The template folder of a PGlite version: `<cacheDir>/pglite-<version>` (data in `pgdata/`, completion record `template.json`). */
export function templateFolder(cacheDir: string, pgliteVersion: string): string {
  return join(cacheDir, `pglite-${pgliteVersion}`);
}

async function buildTemplate(start: StartPglite, template: string, pgliteVersion: string): Promise<void> {
  const building = sideName(template, 'building');
  try {
    await mkdir(building);
    const db = await start(join(building, TEMPLATE_PGDATA_DIR));
    await db.close();
    await sealTemplate(building, pgliteVersion);
    try {
      await rename(building, template);
    } catch (error) {
      // Another process renamed its template into place first: theirs is as good as ours.
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
    }
  } finally {
    await rm(building, { recursive: true, force: true }).catch(() => undefined);
  }
}

/**
 * Returns this PGlite version's template (checked against its completion record), building it on first need:
 * PGlite runs initdb in a private directory next to it and closes cleanly, every file is flushed, the
 * completion record is written last, and the directory is renamed into place. A template folder that
 * does not match its completion record (left half-written, see checkTemplate) is discarded and rebuilt,
 * never copied. null when PGlite's version is unknown or no template can be built (the caller then lets
 * PGlite run initdb in the store itself).
 */
export async function ensurePgliteTemplate(start: StartPglite, cacheDir: string): Promise<PgliteTemplate | null> {
  const version = await installedPgliteVersion();
  if (version === null) return null;
  const template = templateFolder(cacheDir, version);
  const pgdata = join(template, TEMPLATE_PGDATA_DIR);
  try {
    const found = await checkTemplate(template, version);
    if (found.state === 'complete') return { folder: template, pgdata, manifest: found.manifest };
    await mkdir(cacheDir, { recursive: true });
    await removeOrphanedSideDirs(cacheDir);
    if (found.state === 'damaged') await discardTemplate(template);
    await buildTemplate(start, template, version);
    const built = await checkTemplate(template, version);
    return built.state === 'complete' ? { folder: template, pgdata, manifest: built.manifest } : null;
  } catch {
    return null;
  }
}

/**
 * Fills a missing or empty PGlite data directory from the template: the copy is made beside it and
 * renamed into place, so a crash leaves either no data directory (initdb or the template again next
 * time) or a complete one — never a half-copied one (and the next opener removes the crashed copy).
 * Returns false (nothing changed) when `pgdata` already holds anything. Call it holding the store's lock.
 */
export async function seedFromTemplate(template: PgliteTemplate, pgdata: string): Promise<boolean> {
  if (!(await isMissingOrEmpty(pgdata))) return false;
  await removeOrphanedSideDirs(dirname(pgdata));
  const seeding = sideName(pgdata, 'seeding');
  try {
    await copyTemplateData(template, seeding);
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

/** Removes a template folder (damaged, or one PGlite could not start from) so the next opener builds a fresh one. */
export async function discardTemplate(template: string): Promise<void> {
  const aside = sideName(template, 'discarded');
  try {
    await rename(template, aside);
  } catch {
    return;
  }
  await rm(aside, { recursive: true, force: true }).catch(() => undefined);
}
