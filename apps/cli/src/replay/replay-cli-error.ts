import { ReplayAbortedError, ReplaySpecError } from '@repro/replay-runner';
import { CliError, invalidInput } from '../cli-error.js';
import { EXIT } from '../exit-codes.js';

/** Maps the runner's throws to CliErrors: a bad spec is exit 2 naming the field; an interrupt exit 1. */
export function replayCliError(error: unknown): unknown {
  if (error instanceof ReplaySpecError) return invalidInput(`replay spec: ${error.message}`, { error: 'invalid_replay_spec', message: error.message });
  if (error instanceof ReplayAbortedError) return new CliError(`interrupted: ${error.message} (every replay process group was killed)`, EXIT.FAILURE, { error: 'interrupted' });
  return error;
}
