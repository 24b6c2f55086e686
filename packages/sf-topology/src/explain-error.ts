/** explainFailure() cannot answer: the state is unknown or ambiguous, or the definition is unusable. */
export class ExplainError extends Error {
  override name = 'ExplainError';
  constructor(
    readonly code: 'UNKNOWN_STATE' | 'AMBIGUOUS_STATE' | 'INVALID_DEFINITION',
    message: string,
  ) {
    super(message);
  }
}
