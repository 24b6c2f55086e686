/** A bad worker config file, flag or environment variable: exit 2, naming the field. */
export class WorkerConfigError extends Error {
  override name = 'WorkerConfigError';
  constructor(
    /** Where: the config file path, a flag (`--concurrency`) or an env var (`DATABASE_URL`). */
    readonly source: string,
    /** The field inside the source (`profiles.train.timeout_s`), or null. */
    readonly field: string | null,
    readonly problem: string,
  ) {
    super(field === null ? `${source}: ${problem}` : `${source}: ${field}: ${problem}`);
  }
}
