/** Bad input to the runner (a replay spec or pin config): says which field is wrong and why. */
export class ReplaySpecError extends Error {
  override readonly name = 'ReplaySpecError';
  constructor(
    /** The offending field, e.g. `command`, `passEnv[2]`, `pin.threads`. */
    readonly field: string,
    readonly problem: string,
  ) {
    super(`invalid replay spec: ${field}: ${problem}`);
  }
}
