import { ArtefactConflictError, UseCaseInputError } from '@repro/use-cases';
import { PermanentJobError } from './permanent-job-error.js';

/**
 * A use case's error as the job's: bad options and an artefact conflict can never succeed on retry
 * (PermanentJobError naming the field); anything else (failed runs, an unreachable store) is retried.
 */
export function useCaseJobError(error: unknown): unknown {
  if (error instanceof UseCaseInputError) return new PermanentJobError('invalid_input', error.message, error.field);
  if (error instanceof ArtefactConflictError) return new PermanentJobError('artefact_conflict', error.message);
  return error;
}
