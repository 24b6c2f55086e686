import type { Command } from 'commander';

/** The flags every store command takes. */
export interface StoreFlags {
  /** `--db postgres://…` (overrides DATABASE_URL). */
  db?: string;
  /** `--db-schema NAME` (overrides REPRO_DB_SCHEMA; default `repro`). */
  dbSchema?: string;
}

/** Adds `--db` and `--db-schema` to a command that opens the store. */
export function addStoreOptions(command: Command): Command {
  return command
    .option('--db <url>', 'PostgreSQL URL postgres://user@host:port/database (default: $DATABASE_URL, else the embedded store under $REPRO_HOME/db, REPRO_HOME defaulting to ./.repro)')
    .option('--db-schema <name>', 'SQL schema of the store (default: $REPRO_DB_SCHEMA, else repro)');
}
