import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { testDatabaseUrl } from './postgres.js';

/** Every file under `dir` (recursively), read as UTF-8 and joined: what a test's file store holds, as text. */
export function filesAsText(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'))
    .join('\n');
}

/** What runs SQL and returns rows: a `pg` Client or a PGlite instance. */
export interface RowQuery {
  query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
}

/** Every row of every table of `schema`, one `<table>: <row as text>` line each: what a test's database holds, as text. */
export async function schemaAsText(db: RowQuery, schema: string): Promise<string> {
  const { rows: tables } = await db.query(`select table_name from information_schema.tables where table_schema = $1 and table_type = 'BASE TABLE' order by 1`, [schema]);
  const lines: string[] = [];
  for (const { table_name: table } of tables as { table_name: string }[]) {
    const { rows } = await db.query(`select t::text as row from "${schema.replaceAll('"', '""')}"."${table.replaceAll('"', '""')}" t`);
    lines.push(...(rows as { row: string }[]).map(({ row }) => `${table}: ${row}`));
  }
  return lines.join('\n');
}

/** `schemaAsText` on PostgreSQL (default: the test database), over a connection of its own. */
export async function postgresSchemaAsText(schema: string, databaseUrl: string = testDatabaseUrl()): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await schemaAsText(client, schema);
  } finally {
    await client.end();
  }
}
