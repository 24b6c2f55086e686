import { StoreInputError } from '../store-errors.js';

/** `"name"`, with embedded quotes doubled: safe for any identifier text. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,49}$/;

/**
 * The one rule for the PostgreSQL schemas Repro creates (the store's and the job queue's): lower-case (an
 * unquoted name folds to lower case, so psql users find it as written), safe to quote, and within pg-boss's
 * 50-byte limit.
 */
export const SCHEMA_NAME_RULE = 'use lower-case letters, digits and _, starting with a letter or _, at most 50 characters';

/** Does `schema` follow SCHEMA_NAME_RULE? */
export function isSchemaName(schema: string): boolean {
  return SCHEMA_NAME.test(schema);
}

/** The store's own schema name (SCHEMA_NAME_RULE), else StoreInputError. */
export function checkSchemaName(schema: string): string {
  if (!isSchemaName(schema)) throw new StoreInputError('schema', `${JSON.stringify(schema)} is not a schema name: ${SCHEMA_NAME_RULE}`);
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
