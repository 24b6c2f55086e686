/**
 * A key problem that no policy can resolve: an output name produced twice (a `<key>_max` sibling or a
 * derived ratio that is also an input key), or a key used both as a counter and as a gauge.
 */
export class MetricKeyError extends Error {
  override name = 'MetricKeyError';
  constructor(
    message: string,
    readonly key: string,
  ) {
    super(message);
  }
}
