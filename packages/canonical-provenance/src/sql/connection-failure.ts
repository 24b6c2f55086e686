import { StoreUnavailableError } from '../store-errors.js';

const SYSTEM_CODES: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
  ECONNRESET: 'connection reset',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EPIPE: 'connection closed',
  ECONNABORTED: 'connection aborted',
};

/** pg's own connection errors carry no code, only a message. */
const DRIVER_MESSAGES = /timeout expired|connection terminated|connection timeout|connection error|server does not support ssl|ssl/i;

function firstError(error: unknown): unknown {
  // Node's happy-eyeballs connect (localhost → ::1 and 127.0.0.1) fails with an AggregateError.
  if (error instanceof AggregateError && error.errors.length > 0) return error.errors[0];
  return error;
}

function sqlStateIsUnavailable(code: string): boolean {
  return (
    code.startsWith('08') || // connection exception
    code.startsWith('28') || // invalid authorisation
    code.startsWith('57P') || // shutdown, cannot connect now
    code === '3D000' || // database does not exist
    code === '53300' || // too many connections
    code === '42501' // insufficient privilege: the service is misconfigured for this user
  );
}

/**
 * A failure that means "the database cannot be reached or used" → StoreUnavailableError naming `where`
 * (host:port) and the cause in one line. Anything else (an SQL error, a bug) → undefined: not ours to hide.
 */
export function connectionFailure(error: unknown, where: string): StoreUnavailableError | undefined {
  if (error instanceof StoreUnavailableError) return error;
  const first = firstError(error) as { code?: unknown; message?: unknown } | null;
  if (first === null || typeof first !== 'object') return undefined;
  const code = typeof first.code === 'string' ? first.code : undefined;
  const message = typeof first.message === 'string' ? first.message : String(first);
  if (code === '57014' || code === '55P03') {
    const what = code === '57014' ? 'statement timed out' : 'lock wait timed out';
    return new StoreUnavailableError(where, `${what}: the database is busy or another session holds a lock the store needs (${message}, SQLSTATE ${code})`, { cause: error });
  }
  if (code !== undefined && code in SYSTEM_CODES) return new StoreUnavailableError(where, `${SYSTEM_CODES[code]} (${message})`, { cause: error });
  if (code !== undefined && /^[0-9A-Z]{5}$/.test(code) && sqlStateIsUnavailable(code)) {
    return new StoreUnavailableError(where, `${message} (SQLSTATE ${code})`, { cause: error });
  }
  if (code === undefined && DRIVER_MESSAGES.test(message)) return new StoreUnavailableError(where, message, { cause: error });
  return undefined;
}

/** Re-throws `error` as StoreUnavailableError when it is a connection failure, unchanged otherwise. */
export function rethrowConnectionFailure(error: unknown, where: string): never {
  throw connectionFailure(error, where) ?? error;
}
