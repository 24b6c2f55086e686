import {
  IntegrityError,
  InvalidIdError,
  InvalidKeyError,
  InvalidS3SettingError,
  InvalidStoreUriError,
  NpzEncodeError,
  NpzFormatError,
  ObjectNotFoundError,
  PersistConflictError,
  StoreAbortedError,
  StoreRequestError,
  StoreTimeoutError,
  StoreUnavailableError,
} from '@repro/s43-transport';
import { CliError, invalidInput } from '../../cli-error.js';
import { EXIT } from '../../exit-codes.js';

/** The `--json` document of a failed transport command: `{error: {code, message, …details}}`. */
const body = (code: string, message: string, details: Record<string, unknown> = {}) => ({ error: { code, ...details, message } });

/**
 * Map the transport's typed errors to exit codes, each with a one-line message and, under --json, an error
 * document: 2 bad input (ids, --store, S3 settings, a file to reject), 3 store unreachable or refusing us,
 * 4 conflicting re-persist, 1 a blob that fails verification or is gone. Anything else is rethrown.
 */
export function transportCliError(error: unknown): unknown {
  if (error instanceof CliError) return error;
  if (error instanceof InvalidIdError) return invalidInput(error.message, body('invalid_id', error.message, { field: error.field, value: error.value }));
  if (error instanceof InvalidStoreUriError) return invalidInput(`--store: ${error.message}`, body('invalid_store', error.message, { uri: error.uri }));
  if (error instanceof InvalidS3SettingError) return invalidInput(error.message, body('invalid_setting', error.message, { variable: error.variable }));
  if (error instanceof InvalidKeyError) return invalidInput(error.message, body('invalid_key', error.message, { key: error.key }));
  if (error instanceof NpzFormatError) return invalidInput(error.message, body(error.code, error.message, { member: error.member }));
  if (error instanceof NpzEncodeError) return invalidInput(error.message, body('encode_error', error.message, { member: error.arrayName }));
  if (error instanceof PersistConflictError) {
    return new CliError(error.message, EXIT.CONFLICT, body('persist_conflict', error.message, { key: error.key, stored_sha256: error.storedSha256, new_sha256: error.newSha256 }));
  }
  if (error instanceof StoreUnavailableError) {
    return new CliError(error.message, EXIT.SERVICE_UNAVAILABLE, body('store_unavailable', error.message, { operation: error.operation, key: error.key, attempts: error.attempts }));
  }
  if (error instanceof StoreTimeoutError) {
    return new CliError(error.message, EXIT.SERVICE_UNAVAILABLE, body('store_timeout', error.message, { operation: error.operation, key: error.key, timeout_ms: error.timeoutMs, retryable: true }));
  }
  if (error instanceof StoreAbortedError) return new CliError(error.message, EXIT.SERVICE_UNAVAILABLE, body('store_aborted', error.message, { operation: error.operation, key: error.key, retryable: false }));
  if (error instanceof StoreRequestError) {
    return new CliError(error.message, EXIT.SERVICE_UNAVAILABLE, body('store_error', error.message, { operation: error.operation, key: error.key, status: error.status, retryable: error.retryable }));
  }
  if (error instanceof IntegrityError) return new CliError(error.message, EXIT.FAILURE, body('integrity_error', error.message, { key: error.key }));
  if (error instanceof ObjectNotFoundError) return new CliError(error.message, EXIT.FAILURE, body('not_found', error.message, { key: error.key }));
  const status = (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
  const name = (error as Error | undefined)?.name;
  if (status !== undefined || name === 'CredentialsProviderError') {
    const message = `object store: ${name ?? 'error'}${status === undefined ? '' : ` (HTTP ${status})`}: ${(error as Error).message}`;
    return new CliError(message, EXIT.SERVICE_UNAVAILABLE, body('store_error', message, { name: name ?? null, status: status ?? null }));
  }
  return error;
}
