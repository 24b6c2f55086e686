/** A report was asked for on input that is not what it reads: names the input and the field path. */
export class ReportInputError extends Error {
  override readonly name = 'ReportInputError';
  constructor(
    /** Which input: `artefact`, `envelope` or `history`. */
    readonly input: string,
    /** Dotted path of the first bad field, e.g. `verdicts[2].det_delta`; empty for the whole input. */
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${input}${field === '' ? '' : `.${field}`}: ${problem}`);
  }
}
