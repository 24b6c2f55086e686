import { resolve } from 'node:path';
import type { StoreConnection } from '@repro/canonical-provenance';
import type { CommandContext } from '../command-context.js';
import type { StoreFlags } from './store-options.js';

/** canonical-provenance's DEFAULT_SCHEMA, held here so that resolving a connection loads no store code (a test keeps them equal). */
export const DEFAULT_SCHEMA = 'repro';

export interface ResolvedStore {
  readonly connection: StoreConnection;
  readonly schema: string;
  /** What chose the database, for messages: `--db`, `DATABASE_URL` or `embedded`. */
  readonly source: '--db' | 'DATABASE_URL' | 'embedded';
  /** What chose the schema: `--db-schema`, `REPRO_DB_SCHEMA` or `default`. */
  readonly schemaSource: '--db-schema' | 'REPRO_DB_SCHEMA' | 'default';
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/**
 * `--db` beats `DATABASE_URL`; neither → the embedded PGlite store under `$REPRO_HOME/db`
 * (`REPRO_HOME` defaulting to `./.repro`), relative to the CLI's cwd. Reads only `ctx.io.env`.
 */
export function resolveStoreConnection(ctx: CommandContext, flags: StoreFlags): ResolvedStore {
  const env = ctx.io.env;
  const flagSchema = nonEmpty(flags.dbSchema);
  const envSchema = nonEmpty(env.REPRO_DB_SCHEMA);
  const schema = flagSchema ?? envSchema ?? DEFAULT_SCHEMA;
  const schemaSource = flagSchema !== undefined ? '--db-schema' : envSchema !== undefined ? 'REPRO_DB_SCHEMA' : 'default';
  const flagUrl = nonEmpty(flags.db);
  const envUrl = nonEmpty(env.DATABASE_URL);
  if (flagUrl !== undefined) return { connection: { kind: 'postgres', url: flagUrl }, schema, source: '--db', schemaSource };
  if (envUrl !== undefined) return { connection: { kind: 'postgres', url: envUrl }, schema, source: 'DATABASE_URL', schemaSource };
  const home = resolve(ctx.io.cwd, nonEmpty(env.REPRO_HOME) ?? '.repro');
  return { connection: { kind: 'pglite', dataDir: resolve(home, 'db') }, schema, source: 'embedded', schemaSource };
}
