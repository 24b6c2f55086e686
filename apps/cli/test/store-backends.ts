// Test support (imported only by *.test.ts): the two store backends the CLI store commands are tested on.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CanonicalStore, openCanonicalStore, type StoreConnection } from '@repro/canonical-provenance';
import { createTestSchema, needPostgres, type TestPostgres } from '@repro/test-services';

export interface CliStoreBackend {
  readonly name: 'postgres' | 'pglite';
  /** The environment that points `repro` at this backend, in `schema`. */
  env(schema: string): Record<string, string>;
  /** A schema no other test uses: empty (PostgreSQL) or not yet created (embedded). */
  newSchema(): Promise<string>;
  /** The store API on the same database (close it before running `repro` on the embedded store). */
  openStore(schema: string): Promise<CanonicalStore>;
  close(): Promise<void>;
}

let counter = 0;

/**
 * PostgreSQL (DATABASE_URL, one schema per test from createTestSchema; left out with a message when
 * absent locally, a failure under CI) and the embedded store (REPRO_HOME of its own, one per file).
 */
export async function cliStoreBackends(): Promise<CliStoreBackend[]> {
  const backends: CliStoreBackend[] = [];
  const postgres = await needPostgres();
  if (postgres !== null) {
    const schemas: TestPostgres[] = [];
    const connection: StoreConnection = { kind: 'postgres', url: postgres.url };
    backends.push({
      name: 'postgres',
      env: (schema) => ({ DATABASE_URL: postgres.url, REPRO_DB_SCHEMA: schema }),
      async newSchema() {
        const schema = await createTestSchema('cli');
        schemas.push(schema);
        return schema.schema;
      },
      openStore: (schema) => openCanonicalStore({ connection, schema }),
      async close() {
        for (const schema of schemas) await schema.drop();
      },
    });
  }
  const home = mkdtempSync(join(tmpdir(), 'repro-cli-store-'));
  backends.push({
    name: 'pglite',
    env: (schema) => ({ REPRO_HOME: home, REPRO_DB_SCHEMA: schema }),
    async newSchema() {
      counter += 1;
      return `s_${counter}`;
    },
    openStore: (schema) => openCanonicalStore({ connection: { kind: 'pglite', dataDir: join(home, 'db') }, schema }),
    async close() {
      rmSync(home, { recursive: true, force: true });
    },
  });
  return backends;
}
