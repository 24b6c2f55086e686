/**
 * Base class of object store failures; `key` is the object key (or prefix, or bucket) concerned and
 * `retryable` says whether trying the same call again later can succeed.
 */
export class ObjectStoreError extends Error {
  override name = 'ObjectStoreError';
  constructor(
    readonly key: string,
    message: string,
    options?: { cause?: unknown },
    readonly retryable = false,
  ) {
    super(message, options);
  }
}

export class ObjectNotFoundError extends ObjectStoreError {
  override name = 'ObjectNotFoundError';
  constructor(key: string) {
    super(key, `object ${key} does not exist`);
  }
}

/** A create-only write found the key taken. */
export class ObjectExistsError extends ObjectStoreError {
  override name = 'ObjectExistsError';
  constructor(key: string) {
    super(key, `object ${key} already exists (create-only write)`);
  }
}

/** The bytes read back do not hash to the sha256 recorded with the object (or none was recorded). */
export class IntegrityError extends ObjectStoreError {
  override name = 'IntegrityError';
  constructor(
    key: string,
    readonly expected: string | null,
    readonly actual: string,
  ) {
    super(key, expected === null ? `object ${key} carries no sha256 metadata; cannot verify it` : `object ${key} hashes to ${actual}, its metadata records ${expected}`);
  }
}

/** A key that is not a safe relative path (absolute, empty segments, `..`). Raised before any I/O. */
export class InvalidKeyError extends ObjectStoreError {
  override name = 'InvalidKeyError';
  constructor(key: string, reason: string) {
    super(key, `invalid object key ${JSON.stringify(key)}: ${reason}`);
  }
}

const describe = (cause: unknown) => (cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause));

/** The store could not be reached, or kept failing after the bounded retries. Retryable (later). */
export class StoreUnavailableError extends ObjectStoreError {
  override name = 'StoreUnavailableError';
  constructor(
    key: string,
    readonly operation: string,
    readonly attempts: number,
    cause: unknown,
  ) {
    super(key, `${operation} ${key} failed after ${attempts} attempt(s): ${describe(cause)}`, { cause }, true);
  }
}

/** A store call ran past its total deadline (every attempt and backoff included). Retryable (later). */
export class StoreTimeoutError extends ObjectStoreError {
  override name = 'StoreTimeoutError';
  constructor(
    key: string,
    readonly operation: string,
    readonly timeoutMs: number,
  ) {
    super(key, `${operation} ${key} did not finish within its ${timeoutMs} ms deadline`, undefined, true);
  }
}

/** The caller's AbortSignal fired: the call was abandoned. Not retryable (the caller asked to stop). */
export class StoreAbortedError extends ObjectStoreError {
  override name = 'StoreAbortedError';
  constructor(
    key: string,
    readonly operation: string,
    cause?: unknown,
  ) {
    super(key, `${operation} ${key} was aborted${cause === undefined ? '' : ` (${describe(cause)})`}`, { cause });
  }
}

/**
 * The store answered with an error this package has no more specific type for (access denied, a malformed
 * response, a bad request…). `status` is the HTTP status when there was one; `retryable` is stated.
 */
export class StoreRequestError extends ObjectStoreError {
  override name = 'StoreRequestError';
  constructor(
    key: string,
    readonly operation: string,
    readonly status: number | null,
    retryable: boolean,
    cause: unknown,
  ) {
    super(key, `${operation} ${key} failed${status === null ? '' : ` (HTTP ${status})`}: ${describe(cause)}`, { cause }, retryable);
  }
}

/** Options every store call takes. */
export interface StoreCallOptions {
  /** Abandon the call (StoreAbortedError) when this fires. */
  signal?: AbortSignal;
}
