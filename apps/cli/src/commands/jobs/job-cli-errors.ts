import { InvalidJobIdError, InvalidJobPayloadError, JobNotFoundError, QueueUnavailableError } from '@repro/job-queue';
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

/** Map the worker library's typed errors: 2 bad input (naming the flag or id), 3 database unavailable. */
export function jobCliError(error: unknown): unknown {
  if (error instanceof CliError) return error;
  if (error instanceof InvalidJobPayloadError) {
    const flag = FLAG_OF_FIELD[error.field] ?? error.field;
    return invalidInput(`${flag}: ${error.problem}`, { error: 'invalid_payload', queue: error.queue, field: error.field, flag, message: error.problem });
  }
  if (error instanceof InvalidJobIdError || error instanceof JobNotFoundError) return invalidInput(error.message, { error: error instanceof JobNotFoundError ? 'job_not_found' : 'invalid_job_id', id: error.jobId });
  if (error instanceof QueueUnavailableError) return new CliError(error.message, EXIT.SERVICE_UNAVAILABLE);
  return error;
}
