/** A reduction spec that is not valid: `path` names the offending field (e.g. `keys["loss_w"].weight`). */
export class ReductionSpecError extends Error {
  override name = 'ReductionSpecError';
  constructor(
    message: string,
    /** Where in the spec, e.g. `keys["loss_w"].weight`; `""` for the document itself. */
    readonly path: string,
    /** The spec's file name, when it came from one. */
    readonly source?: string,
  ) {
    super(`${source !== undefined ? `${source}: ` : ''}${path !== '' ? `${path}: ` : ''}${message}`);
  }
}
