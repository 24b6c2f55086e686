/** One problem found while parsing a definition into the typed model. */
export interface AslParseIssue {
  /** RFC 6901 JSON Pointer into the definition. */
  path: string;
  message: string;
}

/** The input is not an ASL definition the typed model accepts; `issues` say what and where. */
export class AslParseError extends Error {
  override name = 'AslParseError';
  constructor(
    message: string,
    readonly issues: readonly AslParseIssue[],
  ) {
    super(message);
  }
}
