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
const DRIVER_MESSAGES = /timeout expired|timeout exceeded when trying to connect|connection terminated|connection timeout|connection error|server does not support ssl|ssl/i;

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
 * Why a PostgreSQL failure means "the database cannot be reached or used", in one line (the cause, with its
 * SQLSTATE when it has one), or undefined when it does not (an SQL error, a bug: not an outage). Pure. This
 * is the one classification of connection failures: the store and the job queue both use it.
 */
export function describeConnectionFailure(error: unknown): string | undefined {
  const first = firstError(error) as { code?: unknown; message?: unknown } | null;
  if (first === null || typeof first !== 'object') return undefined;
  const code = typeof first.code === 'string' ? first.code : undefined;
  const message = typeof first.message === 'string' ? first.message : String(first);
  if (code === '57014' || code === '55P03') {
    const what = code === '57014' ? 'statement timed out' : 'lock wait timed out';
    return `${what}: the database is busy or another session holds a lock the store needs (${message}, SQLSTATE ${code})`;
  }
  if (code !== undefined && code in SYSTEM_CODES) return `${SYSTEM_CODES[code]} (${message})`;
  if (code !== undefined && /^[0-9A-Z]{5}$/.test(code) && sqlStateIsUnavailable(code)) return `${message} (SQLSTATE ${code})`;
  if (code === undefined && DRIVER_MESSAGES.test(message)) return message;
  return undefined;
}

/** Does `error` mean "no usable connection" (as opposed to a bad query)? See describeConnectionFailure. */
export function isConnectionFailure(error: unknown): boolean {
  return describeConnectionFailure(error) !== undefined;
}

/**
 * A failure that means "the database cannot be reached or used" → StoreUnavailableError naming `where`
 * (host:port) and the cause in one line. Anything else (an SQL error, a bug) → undefined: not ours to hide.
 */
export function connectionFailure(error: unknown, where: string): StoreUnavailableError | undefined {
  if (error instanceof StoreUnavailableError) return error;
  const why = describeConnectionFailure(error);
  return why === undefined ? undefined : new StoreUnavailableError(where, why, { cause: error });
}

/** Re-throws `error` as StoreUnavailableError when it is a connection failure, unchanged otherwise. */
export function rethrowConnectionFailure(error: unknown, where: string): never {
  throw connectionFailure(error, where) ?? error;
}
