/** Base class of object store failures; `key` is the object key concerned. */
export class ObjectStoreError extends Error {
  override name = 'ObjectStoreError';
  constructor(
    readonly key: string,
    message: string,
    options?: { cause?: unknown },
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

/** The store could not be reached, or kept failing after the bounded retries. */
export class StoreUnavailableError extends ObjectStoreError {
  override name = 'StoreUnavailableError';
  constructor(
    key: string,
    readonly operation: string,
    readonly attempts: number,
    cause: unknown,
  ) {
    const why = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    super(key, `${operation} ${key} failed after ${attempts} attempt(s): ${why}`, { cause });
  }
}
