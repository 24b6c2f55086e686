import { StoreInputError } from '../store-errors.js';

export interface PostgresAddress {
  /** `host:port`, what an unavailable-store message names. */
  readonly where: string;
  /** The URL without its password. */
  readonly display: string;
}

/**
 * Reads host, port and database from a `postgres://` / `postgresql://` URL for messages. A URL of
 * another scheme, or one that does not parse, is bad input (field `url`).
 */
export function readPostgresAddress(url: string): PostgresAddress {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new StoreInputError('url', `not a URL: expected postgres://user@host:port/database`);
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new StoreInputError('url', `unsupported scheme ${JSON.stringify(parsed.protocol)}: expected postgres://user@host:port/database`);
  }
  const socketHost = parsed.searchParams.get('host');
  const host = parsed.hostname !== '' ? parsed.hostname : (socketHost ?? 'localhost');
  const port = parsed.port !== '' ? parsed.port : (parsed.searchParams.get('port') ?? '5432');
  const shown = new URL(url);
  shown.password = '';
  return { where: `${host}:${port}`, display: shown.toString() };
}
