import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { embeddedLayout, openPgliteDirectory, openPgliteMemory } from './pglite-client.js';
import { EMBEDDED_SHARED_BUFFERS } from './pglite-start-options.js';
import { installedPgliteVersion, templateFolder } from './pglite-template.js';
import { checkTemplate, TEMPLATE_MANIFEST_FILE, TEMPLATE_PGDATA_DIR } from './pglite-template-manifest.js';

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

function scratch(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `repro-template-${label}-`));
  roots.push(dir);
  return dir;
}

/** The pid of a process that has exited (a crashed builder or copier). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

/** Opens a new embedded store in its own folder (seeded from the template in `cacheDir`), runs one query, closes it. */
async function openNewStore(cacheDir: string): Promise<{ dataDir: string; sharedBuffers: string; tables: number }> {
  const dataDir = join(scratch('store'), 'db');
  const client = await openPgliteDirectory(dataDir, { templateCacheDir: cacheDir });
  try {
    const [buffers] = await client.query<{ shared_buffers: string }>('show shared_buffers');
    const [count] = await client.query<{ n: number }>("select count(*)::int as n from pg_class where relkind = 'r'");
    return { dataDir, sharedBuffers: buffers!.shared_buffers, tables: count!.n };
  } finally {
    await client.close();
  }
}

/** One template cache for the tests that do not damage it (building a template runs initdb: seconds). */
let sharedCache: string | undefined;
const sharedCacheDir = () => {
  sharedCache ??= scratch('cache');
  return sharedCache;
};

describe('the PGlite template behind new embedded stores', () => {
  it('a template left half-written by a crash is detected and rebuilt, never copied into a store', { timeout: 300_000 }, async () => {
    const cacheDir = scratch('cache');
    const version = (await installedPgliteVersion())!;
    const folder = templateFolder(cacheDir, version);

    const first = await openNewStore(cacheDir);
    const built = await checkTemplate(folder, version);
    expect(built.state).toBe('complete');
    const manifest = JSON.parse(readFileSync(join(folder, TEMPLATE_MANIFEST_FILE), 'utf8')) as { files: Record<string, number> };
    // Every file of the store is the template's, byte for byte in size.
    for (const [file, size] of Object.entries(manifest.files)) expect(statSync(join(embeddedLayout(first.dataDir).pgdata, file)).size).toBe(size);

    // A crash (or a power loss before the data reached the disk) leaves a catalog file cut short, and a
    // builder that died mid-way leaves its private folder behind.
    const catalog = Object.keys(manifest.files).find((file) => file.startsWith('base/') && manifest.files[file]! >= 8192)!;
    truncateSync(join(folder, TEMPLATE_PGDATA_DIR, catalog), 0);
    const orphan = `${folder}.building-${deadPid()}-0badc0de`;
    mkdirSync(orphan);
    expect(await checkTemplate(folder, version)).toMatchObject({ state: 'damaged', reason: expect.stringContaining(`${catalog}: 0 bytes`) });

    const second = await openNewStore(cacheDir);
    expect(second.tables).toBe(first.tables);
    expect(statSync(join(embeddedLayout(second.dataDir).pgdata, catalog)).size).toBe(manifest.files[catalog]);
    expect(await checkTemplate(folder, version)).toMatchObject({ state: 'complete' });
    expect(statSync(join(folder, TEMPLATE_PGDATA_DIR, catalog)).size).toBe(manifest.files[catalog]);
    expect(existsSync(orphan)).toBe(false);
    expect(readdirSync(cacheDir)).toEqual([`pglite-${version}`]);
  });

  it('a copy a crashed process left beside a store is removed, and the store is seeded anew', { timeout: 300_000 }, async () => {
    const cacheDir = sharedCacheDir();
    const dataDir = join(scratch('store'), 'db');
    const { pgdata } = embeddedLayout(dataDir);
    const leftover = `${pgdata}.seeding-${deadPid()}-0badc0de`;
    mkdirSync(join(leftover, 'base'), { recursive: true });
    const client = await openPgliteDirectory(dataDir, { templateCacheDir: cacheDir });
    await client.close();
    expect(existsSync(leftover)).toBe(false);
    expect(existsSync(join(pgdata, 'PG_VERSION'))).toBe(true);
  });

  it(`every embedded store starts with shared_buffers=${EMBEDDED_SHARED_BUFFERS}, on disk and in memory`, { timeout: 300_000 }, async () => {
    const onDisk = await openNewStore(sharedCacheDir());
    expect(onDisk.sharedBuffers).toBe(EMBEDDED_SHARED_BUFFERS);
    const memory = await openPgliteMemory();
    try {
      expect(await memory.query('show shared_buffers')).toEqual([{ shared_buffers: EMBEDDED_SHARED_BUFFERS }]);
    } finally {
      await memory.close();
    }
  });
});
