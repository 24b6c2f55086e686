import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { embeddedLayout, openCanonicalStore } from '../src/index.js';

const pgliteVersion = (JSON.parse(readFileSync(new URL('../node_modules/@electric-sql/pglite/package.json', import.meta.url), 'utf8')) as { version: string }).version;
const templateDir = join(tmpdir(), `repro-cp-embedded-template-${pgliteVersion}`);

/**
 * A fresh, empty embedded store directory. Creating one runs PGlite's initdb (seconds, and far more on a
 * busy machine), so the first call creates a template through the real open path and later calls copy it.
 */
export async function freshEmbeddedDir(): Promise<{ dir: string; remove(): void }> {
  if (!existsSync(join(embeddedLayout(templateDir).pgdata, 'PG_VERSION'))) {
    const building = mkdtempSync(join(tmpdir(), 'repro-cp-template-'));
    const store = await openCanonicalStore({ connection: { kind: 'pglite', dataDir: building } });
    await store.close();
    try {
      renameSync(building, templateDir);
    } catch {
      rmSync(building, { recursive: true, force: true }); // another worker made it first
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'repro-cp-embedded-'));
  cpSync(templateDir, dir, { recursive: true });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
