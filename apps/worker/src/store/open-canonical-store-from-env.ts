import { type CanonicalStore, DEFAULT_SCHEMA, openCanonicalStore, type StoreEvent } from '@repro/canonical-provenance';

/** The canonical store on the worker's DATABASE_URL (schema $REPRO_DB_SCHEMA, default `repro`), migrated. */
export async function openMigratedCanonicalStore(options: {
  databaseUrl: string;
  schema: string | undefined;
  poolSize: number;
  emit: (event: StoreEvent) => void;
}): Promise<CanonicalStore> {
  const store = await openCanonicalStore({
    connection: { kind: 'postgres', url: options.databaseUrl, applicationName: 'repro-worker', poolSize: options.poolSize },
    schema: options.schema ?? DEFAULT_SCHEMA,
    emit: options.emit,
  });
  try {
    await store.migrate();
    return store;
  } catch (error) {
    await store.close().catch(() => undefined);
    throw error;
  }
}
