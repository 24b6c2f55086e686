import {
  IntegrityError,
  InvalidIdError,
  InvalidKeyError,
  InvalidStoreUriError,
  NpzFormatError,
  ObjectNotFoundError,
  PersistConflictError,
  StoreUnavailableError,
} from '@repro/s43-transport';
import { CliError, invalidInput } from '../../cli-error.js';
import { EXIT } from '../../exit-codes.js';

/** Map the transport's typed errors to exit codes: 2 bad input, 3 store unavailable, 4 conflict, 1 integrity. */
export function transportCliError(error: unknown): unknown {
  if (error instanceof CliError) return error;
  if (error instanceof InvalidIdError || error instanceof InvalidStoreUriError || error instanceof InvalidKeyError) return invalidInput(error.message);
  if (error instanceof NpzFormatError) return invalidInput(error.message, { error: { code: error.code, member: error.member, message: error.message } });
  if (error instanceof PersistConflictError) return new CliError(error.message, EXIT.CONFLICT);
  if (error instanceof StoreUnavailableError) return new CliError(error.message, EXIT.SERVICE_UNAVAILABLE);
  if (error instanceof IntegrityError || error instanceof ObjectNotFoundError) return new CliError(error.message, EXIT.FAILURE);
  const status = (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
  const name = (error as Error | undefined)?.name;
  if (status !== undefined || name === 'CredentialsProviderError') {
    return new CliError(`object store: ${name ?? 'error'}: ${(error as Error).message}`, EXIT.SERVICE_UNAVAILABLE);
  }
  return error;
}
