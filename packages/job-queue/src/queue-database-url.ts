import { QueueUrlError } from './queue-errors.js';

// scheme://[userinfo@]host[:port][/database][?params]: the authority parsed by hand, because the WHATWG
// URL parser reports an out-of-range port only as "Invalid URL".
const AUTHORITY = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)(?::([^/?#]*))?/;

/**
 * Check a job database URL before anything connects: only `postgres://` and `postgresql://` URLs, a port
 * in 1..65535, and a URL the WHATWG parser accepts. Pure: no DNS lookup, no connection. Throws
 * QueueUrlError (bad input: exit 2 in the CLI and the worker), whose message never holds the password.
 */
export function checkQueueDatabaseUrl(databaseUrl: string, variable = 'DATABASE_URL'): string {
  if (databaseUrl.trim() === '') throw new QueueUrlError(variable, 'empty: give a postgres://user@host:5432/database URL');
  const authority = AUTHORITY.exec(databaseUrl);
  if (authority === null) throw new QueueUrlError(variable, 'not a URL: give a postgres://user@host:5432/database URL');
  const scheme = authority[1]!.toLowerCase();
  if (scheme !== 'postgres' && scheme !== 'postgresql') throw new QueueUrlError(variable, `scheme "${scheme}://" is not supported: only postgres:// and postgresql:// URLs`);
  const port = authority[3];
  if (port !== undefined && port !== '') {
    if (!/^\d+$/.test(port)) throw new QueueUrlError(variable, `port ${JSON.stringify(port)} is not a number`);
    if (Number(port) < 1 || Number(port) > 65_535) throw new QueueUrlError(variable, `port ${port} out of range (1-65535)`);
  }
  try {
    new URL(databaseUrl);
  } catch {
    throw new QueueUrlError(variable, 'not a valid URL (check the host name and percent-encode special characters in the user and password)');
  }
  return databaseUrl;
}
