/** Stream-mixing input that cannot be reduced: ranks disagree on a reader or on the step. Names the reader/ranks. */
export class StreamMixingInputError extends Error {
  override name = 'StreamMixingInputError';
  constructor(
    message: string,
    /** The reader concerned, when one is. */
    readonly reader: string | null,
    /** The rank concerned (input position). */
    readonly rank: number | null,
  ) {
    super(message);
  }
}
