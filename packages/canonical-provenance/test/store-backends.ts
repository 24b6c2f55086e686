import { PGlite } from '@electric-sql/pglite';
import { createTestSchema, needPostgres, type TestPostgres } from '@repro/test-services';
import pg from 'pg';
import { type CanonicalStore, openCanonicalStore, type StoreConnection, type StoreEvent } from '../src/index.js';

/** One backend under test: fresh stores in schemas of their own, and raw SQL on the same database. */
export interface StoreBackend {
  readonly name: 'postgres' | 'pglite';
  /** A new, empty store (not migrated) in a schema no other test uses. */
  newStore(options?: { emit?: (event: StoreEvent) => void }): Promise<CanonicalStore>;
  /** Raw SQL on the same database (to set up external tables, or to try to break the rules behind the API's back). */
  sql<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<Row[]>;
  close(): Promise<void>;
}

/** PostgreSQL on 127.0.0.1:5432 (db `test`), each store in a schema from createTestSchema; null when absent locally. */
export async function postgresBackend(): Promise<StoreBackend | null> {
  const service = await needPostgres();
  if (service === null) return null;
  const client = new pg.Client({ connectionString: service.url });
  await client.connect();
  const schemas: TestPostgres[] = [];
  const stores: CanonicalStore[] = [];
  return {
    name: 'postgres',
    async newStore(options = {}) {
      const schema = await createTestSchema('cp');
      schemas.push(schema);
      const store = await openCanonicalStore({ connection: { kind: 'postgres', url: service.url }, schema: schema.schema, emit: options.emit });
      stores.push(store);
      return store;
    },
    async sql(text, params = []) {
      return (await client.query(text, params)).rows;
    },
    async close() {
      for (const store of stores) await store.close().catch(() => undefined);
      for (const schema of schemas) await schema.drop();
      await client.end();
    },
  };
}

let schemaCounter = 0;

/** One in-memory PGlite for the file, each store in its own schema of it (starting PGlite costs seconds). */
export async function pgliteBackend(): Promise<StoreBackend> {
  const db = await PGlite.create();
  return {
    name: 'pglite',
    async newStore(options = {}) {
      schemaCounter += 1;
      const schema = `t_${schemaCounter}`;
      await db.exec(`create schema ${schema}`); // like createTestSchema on PostgreSQL: an empty schema of its own
      return openCanonicalStore({ connection: { kind: 'pglite-instance', instance: db }, schema, emit: options.emit });
    },
    async sql(text, params = []) {
      return (await db.query(text, params)).rows as never[];
    },
    close: () => db.close(),
  };
}

/** The backends every store test runs on. Postgres is left out (with the message of needPostgres) when absent locally; under CI it fails. */
export async function storeBackends(): Promise<StoreBackend[]> {
  const postgres = await postgresBackend();
  return [...(postgres === null ? [] : [postgres]), await pgliteBackend()];
}

/** A connection child processes can open themselves (one per backend). */
export interface ProcessTarget {
  readonly name: 'postgres' | 'pglite';
  readonly connection: StoreConnection;
  readonly schema: string;
  cleanup(): Promise<void>;
}
