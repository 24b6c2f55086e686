import { mkdirSync, mkdtempSync, rmSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkTemplate, sealTemplate, TEMPLATE_MANIFEST_FILE, TEMPLATE_PGDATA_DIR } from './pglite-template-manifest.js';

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** A sealed template folder holding a small data directory (files of known sizes, an empty directory). */
async function sealedTemplate(version = '0.5.17'): Promise<{ folder: string; pgdata: string }> {
  const folder = mkdtempSync(join(tmpdir(), 'repro-template-manifest-'));
  roots.push(folder);
  const pgdata = join(folder, TEMPLATE_PGDATA_DIR);
  mkdirSync(join(pgdata, 'base', '5'), { recursive: true });
  mkdirSync(join(pgdata, 'pg_tblspc'));
  writeFileSync(join(pgdata, 'PG_VERSION'), '18\n');
  writeFileSync(join(pgdata, 'base', '5', '1259'), Buffer.alloc(8192, 7));
  writeFileSync(join(pgdata, 'base', '5', '1249'), Buffer.alloc(16384, 3));
  await sealTemplate(folder, version);
  return { folder, pgdata };
}

describe('a template is usable only when it matches its completion record', () => {
  it('a sealed, untouched template is complete and lists every directory and file with its size', async () => {
    const { folder } = await sealedTemplate();
    const found = await checkTemplate(folder, '0.5.17');
    expect(found).toEqual({
      state: 'complete',
      manifest: { format: 1, pglite: '0.5.17', dirs: ['base', 'base/5', 'pg_tblspc'], files: { PG_VERSION: 3, 'base/5/1249': 16384, 'base/5/1259': 8192 } },
    });
  });

  it('no folder at all is missing (build it), not damaged', async () => {
    expect(await checkTemplate(join(tmpdir(), `repro-no-template-${process.pid}`), '0.5.17')).toEqual({ state: 'missing' });
  });

  const damages: [string, (t: { folder: string; pgdata: string }) => void, RegExp][] = [
    ['a file cut short', (t) => truncateSync(join(t.pgdata, 'base', '5', '1259'), 4096), /base\/5\/1259: 4096 bytes, expected 8192 bytes/],
    ['a file emptied', (t) => truncateSync(join(t.pgdata, 'base', '5', '1249'), 0), /base\/5\/1249: 0 bytes, expected 16384 bytes/],
    ['a file missing', (t) => unlinkSync(join(t.pgdata, 'PG_VERSION')), /PG_VERSION: missing, expected 3 bytes/],
    ['a directory missing', (t) => rmSync(join(t.pgdata, 'pg_tblspc'), { recursive: true }), /directory pg_tblspc is missing/],
    ['no completion record (the build stopped before it)', (t) => unlinkSync(join(t.folder, TEMPLATE_MANIFEST_FILE)), /no template\.json/],
    ['a garbled completion record', (t) => writeFileSync(join(t.folder, TEMPLATE_MANIFEST_FILE), '{"format":1,"pgl'), /template\.json is unreadable/],
  ];
  it.each(damages)('%s: damaged, naming what is wrong', async (_name, damage, reason) => {
    const template = await sealedTemplate();
    damage(template);
    const found = await checkTemplate(template.folder, '0.5.17');
    expect(found.state).toBe('damaged');
    expect(found.state === 'damaged' ? found.reason : '').toMatch(reason);
  });

  it('a template made by another PGlite version is not used', async () => {
    const { folder } = await sealedTemplate('0.5.16');
    expect(await checkTemplate(folder, '0.5.17')).toEqual({ state: 'damaged', reason: 'made by PGlite 0.5.16, not 0.5.17' });
  });

  it('a folder of the earlier layout (a data directory without a completion record) is damaged, so it is rebuilt', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'repro-template-legacy-'));
    roots.push(folder);
    writeFileSync(join(folder, 'PG_VERSION'), '18\n');
    expect(await checkTemplate(folder, '0.5.17')).toMatchObject({ state: 'damaged' });
  });
});
