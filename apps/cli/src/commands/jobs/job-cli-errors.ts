import {
  InvalidIdentifierError,
  InvalidJobIdError,
  InvalidJobPayloadError,
  JobNotFoundError,
  QueueSchemaMissingError,
  QueueTimeoutError,
  QueueUnavailableError,
  QueueUrlError,
} from '@repro/job-queue';
import { CliError, invalidInput } from '../../cli-error.js';
import { EXIT } from '../../exit-codes.js';

/** The flag of `repro submit` that sets each payload field. */
const FLAG_OF_FIELD: Readonly<Record<string, string>> = {
  cell: '--cell',
  metric: '--metric',
  profile: '--profile',
  image_sha: '--image-sha',
  eps_num: '--eps-num',
  n: '-n',
  force: '--force',
  run_id: '--run',
  expected: '--expected',
};

/**
 * Map the job queue's typed errors: 2 bad input (naming the flag, id or DATABASE_URL's problem); 3 the
 * database unavailable, not answering within the deadline, or holding no job queue in the schema.
 */
export function jobCliError(error: unknown): unknown {
  if (error instanceof CliError) return error;
  if (error instanceof InvalidJobPayloadError) {
    const flag = FLAG_OF_FIELD[error.field] ?? error.field;
    return invalidInput(`${flag}: ${error.problem}`, { error: 'invalid_payload', queue: error.queue, field: error.field, flag, message: error.problem });
  }
  if (error instanceof InvalidJobIdError || error instanceof JobNotFoundError) return invalidInput(error.message, { error: error instanceof JobNotFoundError ? 'job_not_found' : 'invalid_job_id', id: error.jobId });
  if (error instanceof QueueUrlError) return invalidInput(error.message, { error: 'invalid_database_url', variable: error.variable, message: error.problem });
  if (error instanceof InvalidIdentifierError) return invalidInput(error.message, { error: 'invalid_id', kind: error.kind, message: error.problem });
  if (error instanceof QueueUnavailableError || error instanceof QueueTimeoutError || error instanceof QueueSchemaMissingError) {
    return new CliError(error.message, EXIT.SERVICE_UNAVAILABLE);
  }
  return error;
}
