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

/** A schema name pg-boss accepts (and we can quote safely): letters, digits, underscore, not leading digit. */
export function checkSchemaName(schema: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,49}$/.test(schema)) {
    throw new RangeError(`queue schema ${JSON.stringify(schema)}: letters, digits and "_" only, not starting with a digit, at most 50`);
  }
  return schema;
}
