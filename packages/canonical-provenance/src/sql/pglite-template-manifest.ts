import { open, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { forEachBounded } from './bounded-concurrency.js';

/**
 * The completion record of a PGlite template: written last, after every file of the data directory is
 * on disk (fsynced), it lists each directory and each file with its size. A template without it, or whose
 * files do not match it, was left half-written (a crash while building, a power loss before the data
 * reached the disk, a hand-edited cache) and must be rebuilt, never copied.
 */
export const TEMPLATE_MANIFEST_FILE = 'template.json';

/** How many files are synced, checked or copied at once. */
export const FILE_CONCURRENCY = 16;

/** Where a template keeps its data directory (beside the manifest). */
export const TEMPLATE_PGDATA_DIR = 'pgdata';

/** What a complete template holds (paths relative to its data directory, sizes in bytes). */
export interface TemplateManifest {
  readonly format: 1;
  readonly pglite: string;
  readonly dirs: readonly string[];
  readonly files: Readonly<Record<string, number>>;
}

/** What a template folder holds: a usable template, nothing, or a damaged one (and why). */
export type TemplateState =
  | { readonly state: 'complete'; readonly manifest: TemplateManifest }
 
  | { readonly state: 'missing' }
  | { readonly state: 'damaged'; readonly reason: string };

async function listTree(root: string): Promise<{ dirs: string[]; files: string[] }> {
  const dirs: string[] = [];
  const files: string[] = [];
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    const path = relative(root, join(entry.parentPath, entry.name));
    if (entry.isDirectory()) dirs.push(path);
    else if (entry.isFile()) files.push(path);
    else throw new Error(`template ${root}: ${path} is neither a file nor a directory`);
  }
  return { dirs: dirs.sort(), files: files.sort() };
}

async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Flushes every file of `<template>/pgdata` to disk, then writes and flushes the manifest. Until the
 * manifest exists the folder is not a template.
 */
export async function sealTemplate(template: string, pgliteVersion: string): Promise<void> {
  const pgdata = join(template, TEMPLATE_PGDATA_DIR);
  const { dirs, files } = await listTree(pgdata);
  const sizes: Record<string, number> = {};
  await forEachBounded(files, FILE_CONCURRENCY, async (file) => {
    await syncFile(join(pgdata, file));
    sizes[file] = (await stat(join(pgdata, file))).size;
  });
  const manifest: TemplateManifest = { format: 1, pglite: pgliteVersion, dirs, files: Object.fromEntries(files.map((file) => [file, sizes[file]!])) };
  const manifestPath = join(template, TEMPLATE_MANIFEST_FILE);
  await writeFile(manifestPath, `${JSON.stringify(manifest)}\n`, { flag: 'wx' });
  await syncFile(manifestPath);
}

function parseManifest(text: string): TemplateManifest | null {
  try {
    const raw = JSON.parse(text) as Partial<TemplateManifest>;
    if (raw.format !== 1 || typeof raw.pglite !== 'string' || !Array.isArray(raw.dirs) || typeof raw.files !== 'object' || raw.files === null) return null;
    if (!raw.dirs.every((dir) => typeof dir === 'string')) return null;
    if (!Object.values(raw.files).every((size) => Number.isSafeInteger(size) && size >= 0)) return null;
    return raw as TemplateManifest;
  } catch {
    return null;
  }
}

async function readManifest(template: string): Promise<string | null> {
  try {
    return await readFile(join(template, TEMPLATE_MANIFEST_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

async function sizeOf(path: string): Promise<number | 'missing' | 'directory'> {
  try {
    const info = await stat(path);
    return info.isDirectory() ? 'directory' : info.size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
}

/**
 * Checks a template folder against its manifest: every listed directory present, every listed file
 * present with its recorded size, made by this PGlite version. Cheap (one stat per file); run before
 * every copy.
 */
export async function checkTemplate(template: string, pgliteVersion: string): Promise<TemplateState> {
  const text = await readManifest(template);
  if (text === null) return (await sizeOf(template)) === 'missing' ? { state: 'missing' } : { state: 'damaged', reason: `no ${TEMPLATE_MANIFEST_FILE} (left half-written)` };
  const manifest = parseManifest(text);
  if (manifest === null) return { state: 'damaged', reason: `${TEMPLATE_MANIFEST_FILE} is unreadable` };
  if (manifest.pglite !== pgliteVersion) return { state: 'damaged', reason: `made by PGlite ${manifest.pglite}, not ${pgliteVersion}` };
  const pgdata = join(template, TEMPLATE_PGDATA_DIR);
  const problems: string[] = [];
  await forEachBounded(manifest.dirs, FILE_CONCURRENCY, async (dir) => {
    if ((await sizeOf(join(pgdata, dir))) !== 'directory') problems.push(`directory ${dir} is missing`);
  });
  await forEachBounded(Object.entries(manifest.files), FILE_CONCURRENCY, async ([file, size]) => {
    const found = await sizeOf(join(pgdata, file));
    if (found !== size) problems.push(`${file}: ${typeof found === 'number' ? `${found} bytes` : found}, expected ${size} bytes`);
  });
  if (problems.length > 0) return { state: 'damaged', reason: problems.sort().slice(0, 3).join('; ') + (problems.length > 3 ? ` (and ${problems.length - 3} more)` : '') };
  return { state: 'complete', manifest };
}
