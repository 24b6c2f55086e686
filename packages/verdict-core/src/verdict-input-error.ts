/** Bad input to a verdict-core function or schema: `field` names where (a dotted path), `message` what. */
export class VerdictInputError extends Error {
  override readonly name = 'VerdictInputError';
  readonly field: string;

  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.field = field;
  }
}
