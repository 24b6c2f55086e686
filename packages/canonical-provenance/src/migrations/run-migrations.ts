import { createHash } from 'node:crypto';
import type { SqlClient, SqlQueryable } from '../sql/sql-client.js';
import { quoteIdentifier } from '../sql/quote-identifier.js';
import { MigrationStateError } from '../store-errors.js';
import type { Migration } from './migration-list.js';
import { toIsoTimestamp } from '../store/read-row-values.js';

export interface AppliedMigration {
  readonly version: number;
  readonly name: string;
  readonly checksum: string;
  readonly applied_at: string;
}

export interface MigrationStatus {
  readonly schema: string;
  readonly applied: readonly AppliedMigration[];
  readonly pending: readonly { readonly version: number; readonly name: string }[];
  /** Why the runner would refuse to run (an applied migration changed, or is unknown to this code); null when fine. */
  readonly problem: MigrationStateError | null;
}

/** sha256 of the migration's text (with the `{{schema}}` placeholder, so independent of the schema name). */
export function migrationChecksum(migration: Migration): string {
  return createHash('sha256').update(migration.sql).digest('hex');
}

function migrationsTable(schema: string): string {
  return `${quoteIdentifier(schema)}.schema_migrations`;
}

async function readApplied(db: SqlQueryable, schema: string): Promise<AppliedMigration[] | null> {
  const [{ present }] = (await db.query<{ present: boolean }>('select to_regclass($1) is not null as present', [migrationsTable(schema)])) as [{ present: boolean }];
  if (!present) return null;
  const rows = await db.query<{ version: number; name: string; checksum: string; applied_at: unknown }>(
    `select version, name, checksum, applied_at from ${migrationsTable(schema)} order by version`,
  );
  return rows.map((row) => ({ version: Number(row.version), name: row.name, checksum: row.checksum, applied_at: toIsoTimestamp(row.applied_at) }));
}

function findProblem(applied: readonly AppliedMigration[], migrations: readonly Migration[], schema: string): MigrationStateError | null {
  for (const row of applied) {
    const known = migrations.find((migration) => migration.version === row.version);
    if (known === undefined) {
      return new MigrationStateError(
        'unknown_version',
        row.version,
        `schema ${schema} has migration ${row.version} (${row.name}) applied, which this version of @repro/canonical-provenance does not know: upgrade it instead of running an older one against this database`,
      );
    }
    if (migrationChecksum(known) !== row.checksum) {
      return new MigrationStateError(
        'checksum_mismatch',
        row.version,
        `schema ${schema}: applied migration ${row.version} (${row.name}) has checksum ${row.checksum.slice(0, 12)}…, but this code's migration ${known.version} (${known.name}) has ${migrationChecksum(known).slice(0, 12)}…: an applied migration was changed; refusing to run`,
      );
    }
  }
  return null;
}

function statusOf(schema: string, applied: readonly AppliedMigration[], migrations: readonly Migration[]): MigrationStatus {
  const done = new Set(applied.map((row) => row.version));
  return {
    schema,
    applied,
    pending: migrations.filter((migration) => !done.has(migration.version)).map(({ version, name }) => ({ version, name })),
    problem: findProblem(applied, migrations, schema),
  };
}

/** Reads what is applied and what is pending, without taking any lock or changing anything. */
export async function readMigrationStatus(client: SqlClient, schema: string, migrations: readonly Migration[]): Promise<MigrationStatus> {
  return statusOf(schema, (await readApplied(client, schema)) ?? [], migrations);
}

/**
 * Applies the pending migrations in one transaction that first takes a transaction-scoped advisory lock
 * on the schema: a second process migrating at the same time waits, then finds nothing left to do. An
 * applied migration whose checksum changed, or one this code does not know, → MigrationStateError and
 * nothing is run. Returns the migrations applied by this call (empty when already up to date).
 */
export async function runMigrations(client: SqlClient, schema: string, migrations: readonly Migration[]): Promise<{ applied: Migration[]; status: MigrationStatus }> {
  const applied = await client.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [`repro.migrate:${schema}`]);
    // Only create the schema when missing: CREATE SCHEMA IF NOT EXISTS needs a privilege the owner of an existing schema may lack.
    const [{ exists }] = (await tx.query<{ exists: boolean }>('select exists (select 1 from pg_namespace where nspname = $1) as exists', [schema])) as [{ exists: boolean }];
    if (!exists) await tx.exec(`create schema ${quoteIdentifier(schema)}`);
    await tx.exec(
      `create table if not exists ${migrationsTable(schema)} (version integer primary key, name text not null, checksum text not null, applied_at timestamptz not null default now())`,
    );
    const before = (await readApplied(tx, schema)) ?? [];
    const problem = findProblem(before, migrations, schema);
    if (problem !== null) throw problem;
    const done = new Set(before.map((row) => row.version));
    const pending = [...migrations].sort((a, b) => a.version - b.version).filter((migration) => !done.has(migration.version));
    for (const migration of pending) {
      await tx.exec(migration.sql.replaceAll('{{schema}}', quoteIdentifier(schema)));
      await tx.query(`insert into ${migrationsTable(schema)} (version, name, checksum) values ($1, $2, $3)`, [migration.version, migration.name, migrationChecksum(migration)]);
    }
    return pending;
  });
  return { applied, status: await readMigrationStatus(client, schema, migrations) };
}
