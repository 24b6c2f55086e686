import { InvalidKeyError, type StoreCallOptions } from './store-errors.js';

export interface StoredObject {
  key: string;
  bytes: number;
}

export interface PutResult {
  key: string;
  bytes: number;
  sha256: string;
}

export interface ObjectBlob {
  key: string;
  body: Uint8Array;
  /** sha256 (hex) of `body`, verified against what the store recorded at write time where it records one. */
  sha256: string;
}

export interface PutOptions {
  /** Create-only: fail with ObjectExistsError when the key exists (S3: `If-None-Match: *`). */
  createOnly?: boolean;
}

/**
 * Where cohort blobs live: an S3 bucket or a local directory. Keys are `/`-separated relative paths. Every
 * call takes an AbortSignal and fails only with ObjectStoreError subclasses (each stating `retryable`).
 */
export interface ObjectStore {
  /** `s3://bucket` or `file:///abs/dir`; `uriFor(key)` appends the key. */
  readonly baseUri: string;
  uriFor(key: string): string;
  put(key: string, body: Uint8Array, options?: PutOptions & StoreCallOptions): Promise<PutResult>;
  /** Throws ObjectNotFoundError, IntegrityError. */
  get(key: string, options?: StoreCallOptions): Promise<ObjectBlob>;
  /** null when absent; `sha256` as recorded by the store (null where it records none). */
  head(key: string, options?: StoreCallOptions): Promise<(StoredObject & { sha256: string | null }) | null>;
  /** Every object whose key starts with `prefix` (all pages), sorted by key. */
  list(prefix: string, options?: StoreCallOptions): Promise<StoredObject[]>;
  delete(key: string, options?: StoreCallOptions): Promise<void>;
}

/** Check a key is a relative `/`-separated path without empty, `.` or `..` segments. Pure. */
export function checkObjectKey(key: string): void {
  if (key.length === 0 || key.length > 1024) throw new InvalidKeyError(key, 'length must be 1..1024');
  if (key.startsWith('/')) throw new InvalidKeyError(key, 'absolute');
  if (key.includes('\\') || key.includes('\0')) throw new InvalidKeyError(key, 'backslash or NUL');
  for (const part of key.split('/')) {
    if (part === '' || part === '.' || part === '..') throw new InvalidKeyError(key, `bad segment ${JSON.stringify(part)}`);
  }
}
