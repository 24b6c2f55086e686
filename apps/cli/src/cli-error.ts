import { EXIT, type ExitCode } from './exit-codes.js';

/**
 * The one error type the CLI prints: a one-line message and an exit code. Commands convert their
 * packages' typed errors into this; anything else is an unexpected failure (exit 1).
 */
export class CliError extends Error {
  override name = 'CliError';
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    /** Printed as the JSON document on stdout under --json, instead of nothing. */
    readonly jsonBody?: unknown,
  ) {
    super(message);
  }
}

export function invalidInput(message: string, jsonBody?: unknown): CliError {
  return new CliError(message, EXIT.INVALID_INPUT, jsonBody);
}
