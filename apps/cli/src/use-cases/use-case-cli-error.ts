import { ArtefactConflictError, EnvelopeRunsFailedError, UseCaseInputError } from '@repro/use-cases';
import { CliError, invalidInput } from '../cli-error.js';
import { EXIT } from '../exit-codes.js';
import { replayCliError } from '../replay/replay-cli-error.js';

/** The `--json` document of a failure: `{error: {code, message, …fields}}`. */
const body = (code: string, message: string, fields: Record<string, unknown> = {}) => ({ error: { code, message, ...fields } });

/**
 * Maps a use case's typed errors to CliErrors: a bad option exit 2 naming the flag that carries it
 * (`flagOf`: option field → flag, e.g. `eps_num` → `--eps-num`), failed production runs exit 1 naming
 * them, an artefact conflict exit 4; the runner's errors as `replayCliError`. Anything else unchanged.
 */
export function useCaseCliError(error: unknown, flagOf: Readonly<Record<string, string>>): unknown {
  if (error instanceof CliError) return error;
  if (error instanceof UseCaseInputError) {
    const top = error.field.split('.')[0]!;
    const flag = flagOf[top] ?? error.field;
    const message = `${flag}: ${error.problem}`;
    return invalidInput(message, body('invalid_flag', message, { flag, field: error.field }));
  }
  if (error instanceof EnvelopeRunsFailedError) {
    // The first failure's stderr tail (the traceback) is shown; every failed run's is in --json.
    const shown = error.failed.find((run) => run.stderr_tail !== '');
    const tail = shown === undefined ? '' : `\nstderr of run ${shown.label} (last lines):\n${shown.stderr_tail}`;
    return new CliError(
      `${error.message}${tail}`,
      EXIT.FAILURE,
      body('runs_failed', error.message, { total: error.total, failed: error.failed.map((run) => ({ label: run.label, kind: run.kind, message: run.message, stderr_tail: run.stderr_tail })) }),
    );
  }
  if (error instanceof ArtefactConflictError) return new CliError(error.message, EXIT.CONFLICT, body('artefact_conflict', error.message, { key: error.key }));
  return replayCliError(error);
}
