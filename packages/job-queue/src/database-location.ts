import { isSchemaName, SCHEMA_NAME_RULE } from '@repro/canonical-provenance';

/**
 * `host:port/database` of a connection string, for messages and logs: never the user or password.
 * Falls back to a fixed phrase when the string is not a URL (key=value strings are not parsed here).
 */
export function describeDatabaseUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    const host = url.hostname || url.searchParams.get('host') || 'localhost';
    const port = url.port || '5432';
    const database = decodeURIComponent(url.pathname.replace(/^\//, '')) || '(default database)';
    return `${host}:${port}/${database}`;
  } catch {
    return '(DATABASE_URL, not a URL)';
  }
}

/** The password of a connection string, if any (for redaction). */
export function databasePassword(databaseUrl: string): string | null {
  try {
    const password = decodeURIComponent(new URL(databaseUrl).password);
    return password === '' ? null : password;
  } catch {
    return null;
  }
}

/** The queue's schema name, by the one rule for Repro's schemas (SCHEMA_NAME_RULE, owned by the store), else RangeError. */
export function checkSchemaName(schema: string): string {
  if (!isSchemaName(schema)) throw new RangeError(`queue schema ${JSON.stringify(schema)}: ${SCHEMA_NAME_RULE}`);
  return schema;
}
