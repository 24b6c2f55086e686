import {
  CanonicalConflictError,
  CanonicalRunNotFoundError,
  EmbeddedStoreBusyError,
  MigrationStateError,
  StoredDataError,
  StoreInputError,
  StoreNotMigratedError,
  StoreUnavailableError,
} from '@repro/canonical-provenance';
import { CliError, invalidInput } from '../cli-error.js';
import { EXIT } from '../exit-codes.js';

/**
 * Maps the store's typed errors to one-line CLI errors: bad input 2, database unavailable or not
 * migrated 3, conflicting write 4, corrupt stored data 1. `fieldName` renames a store field to the flag
 * or file it came from (e.g. `value` → `--value`). Anything else passes through unchanged.
 */
export function storeCliError(error: unknown, fieldName: (field: string) => string = (field) => field): unknown {
  if (error instanceof CliError) return error;
  if (error instanceof StoreInputError) {
    const field = fieldName(error.field);
    const message = `${field}: ${error.message.slice(error.field.length + 2)}`;
    return invalidInput(message, { error: 'invalid_input', field, message });
  }
  if (error instanceof EmbeddedStoreBusyError) {
    return new CliError(`embedded store unavailable at ${error.message}`, EXIT.SERVICE_UNAVAILABLE, { error: 'store_busy', where: error.where, holder_pid: error.holderPid, message: error.message });
  }
  if (error instanceof StoreUnavailableError) {
    return new CliError(`database unavailable at ${error.message}`, EXIT.SERVICE_UNAVAILABLE, { error: 'store_unavailable', where: error.where, reason: error.reason });
  }
  if (error instanceof StoreNotMigratedError) {
    return new CliError(error.message, EXIT.SERVICE_UNAVAILABLE, { error: 'not_migrated', pending: error.pending, message: error.message });
  }
  if (error instanceof MigrationStateError) {
    return new CliError(error.message, EXIT.SERVICE_UNAVAILABLE, { error: error.kind, version: error.version, message: error.message });
  }
  if (error instanceof CanonicalConflictError) {
    return new CliError(error.message, EXIT.CONFLICT, { error: 'conflict', run_id: error.runId, fields: error.fields, message: error.message });
  }
  if (error instanceof CanonicalRunNotFoundError) {
    return invalidInput(`--run-id: ${error.message}`, { error: 'run_not_found', run_id: error.runId, message: error.message });
  }
  if (error instanceof StoredDataError) return new CliError(error.message, EXIT.FAILURE, { error: 'stored_data', message: error.message });
  return error;
}
