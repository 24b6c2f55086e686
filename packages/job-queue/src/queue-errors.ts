/** A job payload that does not match its queue's schema. Never retried: it fails the job permanently. */
export class InvalidJobPayloadError extends Error {
  override name = 'InvalidJobPayloadError';
  constructor(
    readonly queue: string,
    /** The offending field (`cell`, `n`, `command`, or `(payload)` for the whole). */
    readonly field: string,
    readonly problem: string,
  ) {
    super(`invalid ${queue} job payload: ${field}: ${problem}`);
  }
}

/** The job database cannot be reached or used: `where` is host:port/database (never the password). */
export class QueueUnavailableError extends Error {
  override name = 'QueueUnavailableError';
  constructor(
    readonly where: string,
    readonly causeMessage: string,
  ) {
    super(`job database ${where} unavailable: ${causeMessage}`);
  }
}

/** No job with this id (in the job table or its archive). */
export class JobNotFoundError extends Error {
  override name = 'JobNotFoundError';
  constructor(readonly jobId: string) {
    super(`no job with id ${jobId}`);
  }
}

/** A job id that is not a UUID: rejected before any query. */
export class InvalidJobIdError extends Error {
  override name = 'InvalidJobIdError';
  constructor(readonly jobId: string) {
    super(`not a job id (a UUID): ${JSON.stringify(jobId)}`);
  }
}

/** `waitForJob` gave up before the job reached a final state. */
export class JobWaitTimeoutError extends Error {
  override name = 'JobWaitTimeoutError';
  constructor(
    readonly jobId: string,
    readonly state: string,
    readonly timeoutMs: number,
  ) {
    super(`job ${jobId} is still ${state} after ${timeoutMs / 1000} s`);
  }
}

/**
 * The queue schema holds an older pg-boss schema than pg-boss 12 can migrate (pg-boss 10 wrote version 24;
 * pg-boss 12 migrates from version 25, pg-boss 11, on). Nothing was changed: the jobs in it stay as they are.
 */
export class QueueSchemaVersionError extends Error {
  override name = 'QueueSchemaVersionError';
  constructor(
    readonly where: string,
    readonly schema: string,
    /** The schema version found (`<schema>.version`). */
    readonly found: number,
    /** The oldest version pg-boss 12 migrates from. */
    readonly oldestMigratable: number,
  ) {
    super(
      `job queue schema "${schema}" on ${where} holds pg-boss schema version ${found} (pg-boss 10 or older); pg-boss 12 migrates from version ${oldestMigratable} (pg-boss 11) on, so it was left untouched. ` +
        `Let the earlier repro-worker drain it (no job created, retry or active), then drop the schema (drop schema "${schema}" cascade) or point REPRO_QUEUE_SCHEMA at a new one; the new worker installs a fresh schema there.`,
    );
  }
}

/** A job database URL that cannot be used (not a URL, not postgres://, port out of range). Bad input: never retried. */
export class QueueUrlError extends Error {
  override name = 'QueueUrlError';
  constructor(
    /** The variable or option holding the URL (`DATABASE_URL`). */
    readonly variable: string,
    readonly problem: string,
  ) {
    super(`${variable}: ${problem}`);
  }
}

/** The job database has no job queue in this schema: no repro-worker (nor `repro submit`) has installed it yet. */
export class QueueSchemaMissingError extends Error {
  override name = 'QueueSchemaMissingError';
  constructor(
    readonly where: string,
    readonly schema: string,
  ) {
    super(
      `no job queue on ${where}: schema "${schema}" holds no pg-boss queue (no repro-worker has started against this database, or REPRO_QUEUE_SCHEMA names another schema)`,
    );
  }
}

/** A job queue call that did not finish within its deadline (the database did not answer). */
export class QueueTimeoutError extends Error {
  override name = 'QueueTimeoutError';
  constructor(
    readonly where: string,
    readonly operation: string,
    readonly timeoutMs: number,
  ) {
    super(`job database ${where} did not answer ${operation} within ${timeoutMs / 1000} s`);
  }
}
