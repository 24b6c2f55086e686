import { StoreInputError } from '../store-errors.js';

/** `"name"`, with embedded quotes doubled: safe for any identifier text. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** The store's own schema name: lower-case letters, digits and `_`, starting with a letter or `_`, ≤ 63 chars. */
export function checkSchemaName(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) {
    throw new StoreInputError('schema', `${JSON.stringify(schema)} is not a schema name: use lower-case letters, digits and _, starting with a letter or _, at most 63 characters`);
  }
  return schema;
}

/**
 * A table name as users write it, `table` or `schema.table`, as a quoted SQL name. Each part is taken
 * literally (case kept); a part may not be empty.
 */
export function quoteTableName(field: string, table: string): { readonly sql: string; readonly schema: string | null; readonly table: string } {
  const parts = table.split('.');
  if (parts.length > 2 || parts.some((part) => part === '')) {
    throw new StoreInputError(field, `${JSON.stringify(table)} is not a table name: use table or schema.table`);
  }
  const [first, second] = parts as [string, string | undefined];
  return second === undefined
    ? { sql: quoteIdentifier(first), schema: null, table: first }
    : { sql: `${quoteIdentifier(first)}.${quoteIdentifier(second)}`, schema: first, table: second };
}
