import type { Diagnostic } from './diagnostic.js';

export type ParallelizeErrorCode =
  /** The groups are not data-independent: one reads what the other writes. */
  | 'NOT_DATA_INDEPENDENT'
  /** The chain is not a contiguous run of top-level states in execution order. */
  | 'NOT_CONTIGUOUS'
  /** An edge enters a group somewhere other than its first state. */
  | 'ENTRY_NOT_FIRST'
  /** The options are malformed (unknown state, overlapping groups, name taken, …). */
  | 'INVALID_OPTIONS'
  /** The input definition has validation errors. */
  | 'INVALID_DEFINITION';

/** parallelize() refused: nothing was rewritten. `code` says why, the message says where. */
export class ParallelizeError extends Error {
  override name = 'ParallelizeError';
  constructor(
    readonly code: ParallelizeErrorCode,
    message: string,
    /** For INVALID_DEFINITION: the validation errors of the input. */
    readonly diagnostics: readonly Diagnostic[] = [],
  ) {
    super(message);
  }
}
