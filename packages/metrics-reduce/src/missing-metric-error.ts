/**
 * `missing: "error"`: a rank lacks a key that another rank (or a derived ratio, or a weighted mean)
 * needs. Ranks never silently average different key sets: this is a wiring bug.
 */
export class MissingMetricError extends Error {
  override name = 'MissingMetricError';
  constructor(
    /** Index of the rank in the input order. */
    readonly rank: number,
    readonly key: string,
    /** The step, when known. */
    readonly step: number | null,
    /** The rank's label (e.g. its file), when the caller gave one. */
    readonly rankLabel?: string,
  ) {
    super(
      `rank ${rank}${rankLabel !== undefined ? ` (${rankLabel})` : ''} has no metric "${key}"${step !== null ? ` at step ${step}` : ''} (missing policy: error)`,
    );
  }
}

/** `missing: "error"`: a step present on some ranks is absent from this one. */
export class MissingStepError extends Error {
  override name = 'MissingStepError';
  constructor(
    readonly rank: number,
    readonly step: number,
    readonly rankLabel?: string,
  ) {
    super(`rank ${rank}${rankLabel !== undefined ? ` (${rankLabel})` : ''} has no record for step ${step}, which other ranks have (missing policy: error)`);
  }
}
