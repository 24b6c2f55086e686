import type { SqlQueryable } from '../sql/sql-client.js';

/** A table's (or view's) columns and their SQL types, or null when `quotedName` names no relation visible here. */
export async function describeRelation(db: SqlQueryable, quotedName: string): Promise<Map<string, string> | null> {
  const [found] = await db.query<{ oid: unknown }>('select to_regclass($1)::oid as oid', [quotedName]);
  if (found === undefined || found.oid === null) return null;
  const rows = await db.query<{ name: string; type: string }>(
    'select attname::text as name, format_type(atttypid, atttypmod) as type from pg_attribute where attrelid = $1::oid and attnum > 0 and not attisdropped order by attnum',
    [found.oid],
  );
  return new Map(rows.map((row) => [row.name, row.type]));
}
