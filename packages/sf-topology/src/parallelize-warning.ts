export type ParallelizeWarningCode =
  /** A state after the join reads a path (or variable) that a chain state writes: after the rewrite it is not there. */
  | 'DOWNSTREAM_READS_CHAIN_WRITE'
  /** A transition skipped a later group in the sequential order; in the Parallel that group runs regardless. */
  | 'GROUP_SKIP_LOST';

/** Something the rewrite changes that is not a reason to refuse: parallelize() returns these with the result. */
export interface ParallelizeWarning {
  code: ParallelizeWarningCode;
  /** The state it concerns (in the input definition). */
  state: string;
  /** JSON Pointer of the field, in the input definition. */
  field: string;
  message: string;
}
