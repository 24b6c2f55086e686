/** A malformed line of a rank dump: says which file and line, and what is wrong. */
export class MetricsInputError extends Error {
  override name = 'MetricsInputError';
  constructor(
    readonly file: string,
    /** 1-based line number. */
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
  }
}
