import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetBucketLifecycleConfigurationCommand,
  GetObjectCommand,
  type GetObjectCommandOutput,
  HeadObjectCommand,
  type LifecycleRule,
  ListObjectsV2Command,
  PutBucketLifecycleConfigurationCommand,
  PutObjectCommand,
  type PutObjectCommandInput,
  type S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { checkObjectKey, type ObjectBlob, type ObjectStore, type PutOptions, type PutResult, type StoredObject } from './object-store.js';
import { DEFAULT_RETRY_POLICY, isRetryableS3Error, type RetryHooks, type RetryPolicy, withRetries } from './s3-retry.js';
import { DEFAULT_S3_TIMEOUTS } from './s3-timeouts.js';
import {
  IntegrityError,
  ObjectExistsError,
  ObjectNotFoundError,
  ObjectStoreError,
  StoreAbortedError,
  type StoreCallOptions,
  StoreRequestError,
  StoreTimeoutError,
} from './store-errors.js';

/** Server-side encryption for every write. */
export type S3Encryption = { type: 'AES256' } | { type: 'aws:kms'; kmsKeyId?: string };

export interface S3StoreOptions {
  /** A configured client. Build one with `createS3Client` (path-style when an endpoint is set; request time-outs that throw). */
  client: S3Client;
  bucket: string;
  encryption?: S3Encryption;
  /** Blobs larger than this go through multipart upload (default 16 MiB). */
  multipartThresholdBytes?: number;
  /** Multipart part size, and the range size of a parallel ranged GET (default 8 MiB; S3's minimum part is 5 MiB). */
  partSizeBytes?: number;
  /** Parts uploaded, or ranges fetched, at once for one large blob (default 8). */
  partConcurrency?: number;
  /** ListObjectsV2 page size (default 1000). */
  pageSize?: number;
  retry?: Partial<RetryPolicy>;
  retryHooks?: RetryHooks;
  /** The total deadline of one store call, retries and backoff included (default 120 s). */
  totalTimeoutMs?: number;
}

/** The metadata key holding our sha256 (sent as `x-amz-meta-sha256`). */
export const SHA256_METADATA_KEY = 'sha256';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

interface SdkError {
  name?: string;
  $metadata?: { httpStatusCode?: number };
}
const statusOf = (error: unknown) => (error as SdkError | undefined)?.$metadata?.httpStatusCode;
const nameOf = (error: unknown) => (error as SdkError | undefined)?.name;

class TruncatedBodyError extends Error {
  override name = 'TruncatedBodyError';
  readonly $retryable = {};
}

/** Any failure as one of the package's typed store errors (retryable stated). */
function typedStoreError(operation: string, key: string, error: unknown): ObjectStoreError {
  if (error instanceof ObjectStoreError) return error;
  return new StoreRequestError(key, operation, statusOf(error) ?? null, isRetryableS3Error(error), error);
}

/** `bytes a-b/total` → total. */
function totalOfRange(contentRange: string | undefined): number | null {
  const m = contentRange === undefined ? null : /\/(\d+)$/.exec(contentRange);
  return m === null ? null : Number(m[1]);
}

/** Copy a response body into `target` (exactly its length), destroying the body when `signal` fires. */
async function readBodyInto(res: GetObjectCommandOutput, target: Uint8Array, signal: AbortSignal, what: string): Promise<void> {
  const body = res.Body as (Readable & AsyncIterable<Uint8Array>) | undefined;
  if (body === undefined) throw new TruncatedBodyError(`${what} returned no body`);
  const stop = () => body.destroy();
  signal.addEventListener('abort', stop, { once: true });
  try {
    let at = 0;
    for await (const chunk of body) {
      if (at + chunk.length > target.length) throw new TruncatedBodyError(`${what}: more than the ${target.length} bytes announced`);
      target.set(chunk, at);
      at += chunk.length;
    }
    if (at !== target.length) throw new TruncatedBodyError(`${what}: got ${at} of ${target.length} bytes`);
  } finally {
    signal.removeEventListener('abort', stop);
  }
}

async function mapBounded(count: number, limit: number, fn: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const i = next;
      next += 1;
      await fn(i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, count)) }, lane));
}

/**
 * An ObjectStore on S3 (or an S3-compatible service). Every write records our sha256 in the object
 * metadata and every read verifies it; create-only writes send `If-None-Match: *`; large blobs go up in
 * parallel multipart parts and come down as parallel ranged GETs straight into one buffer; every request is
 * retried with bounded exponential backoff on 5xx, SlowDown/throttling, timeouts and connection resets. Every
 * call has a total deadline and takes an AbortSignal; every failure is one of the typed store errors.
 */
export class S3Store implements ObjectStore {
  readonly bucket: string;
  readonly baseUri: string;
  readonly client: S3Client;
  private readonly options: S3StoreOptions;
  private readonly policy: RetryPolicy;

  constructor(options: S3StoreOptions) {
    this.client = options.client;
    this.bucket = options.bucket;
    this.baseUri = `s3://${options.bucket}`;
    this.options = options;
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  }

  uriFor(key: string): string {
    return `${this.baseUri}/${key}`;
  }

  private get partSize(): number {
    return this.options.partSizeBytes ?? 8 * 1024 * 1024;
  }

  private get partConcurrency(): number {
    return this.options.partConcurrency ?? 8;
  }

  /**
   * One store call under its total deadline and the caller's signal: `run` gets the combined signal (to pass
   * to every request); when it fires the call ends at once with StoreTimeoutError or StoreAbortedError.
   */
  private async call<T>(operation: string, key: string, options: StoreCallOptions, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const totalMs = this.options.totalTimeoutMs ?? DEFAULT_S3_TIMEOUTS.totalMs;
    const caller = options.signal;
    const deadline = AbortSignal.timeout(totalMs);
    const signal = caller === undefined ? deadline : AbortSignal.any([caller, deadline]);
    const stopped = () => (caller?.aborted ? new StoreAbortedError(key, operation, caller.reason) : new StoreTimeoutError(key, operation, totalMs));
    if (signal.aborted) throw stopped();
    let onAbort: () => void = () => undefined;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(stopped());
      signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      return await Promise.race([run(signal), aborted]);
    } catch (error) {
      if (signal.aborted) throw stopped();
      throw typedStoreError(operation, key, error);
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  private retry<T>(operation: string, key: string, signal: AbortSignal, attempt: () => Promise<T>): Promise<T> {
    return withRetries(operation, key, attempt, this.policy, this.options.retryHooks, signal);
  }

  private encryptionParams(): Pick<PutObjectCommandInput, 'ServerSideEncryption' | 'SSEKMSKeyId'> {
    const e = this.options.encryption;
    if (e === undefined) return {};
    if (e.type === 'AES256') return { ServerSideEncryption: 'AES256' };
    return { ServerSideEncryption: 'aws:kms', ...(e.kmsKeyId === undefined ? {} : { SSEKMSKeyId: e.kmsKeyId }) };
  }

  async put(key: string, body: Uint8Array, options: PutOptions & StoreCallOptions = {}): Promise<PutResult> {
    checkObjectKey(key);
    const digest = sha256(body);
    const buffer = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    const params: PutObjectCommandInput = {
      Bucket: this.bucket,
      Key: key,
      Body: buffer,
      ContentLength: buffer.length,
      ContentType: 'application/octet-stream',
      Metadata: { [SHA256_METADATA_KEY]: digest },
      ...(options.createOnly ? { IfNoneMatch: '*' } : {}),
      ...this.encryptionParams(),
    };
    const threshold = this.options.multipartThresholdBytes ?? 16 * 1024 * 1024;
    await this.call('put', key, options, (signal) =>
      this.retry('put', key, signal, async () => {
        try {
          if (buffer.length <= threshold) {
            await this.client.send(new PutObjectCommand(params), { abortSignal: signal });
            return;
          }
          const abortController = new AbortController();
          const stop = () => abortController.abort();
          signal.addEventListener('abort', stop, { once: true });
          try {
            const upload = new Upload({ client: this.client, params, partSize: this.partSize, queueSize: this.partConcurrency, leavePartsOnError: false, abortController });
            await upload.done();
          } finally {
            signal.removeEventListener('abort', stop);
          }
        } catch (error) {
          if (statusOf(error) === 412 || nameOf(error) === 'PreconditionFailed') throw new ObjectExistsError(key);
          throw error;
        }
      }),
    );
    return { key, bytes: body.length, sha256: digest };
  }

  /**
   * Read a blob: one GET of the first part; a larger blob's remaining parts come as parallel ranged GETs
   * (If-Match on the first part's ETag, so a blob replaced meanwhile is retried, never mixed) straight into
   * one buffer of the blob's size. The sha256 recorded at write time is verified.
   */
  async get(key: string, options: StoreCallOptions = {}): Promise<ObjectBlob> {
    checkObjectKey(key);
    const { body, recorded } = await this.call('get', key, options, (signal) =>
      this.retry('get', key, signal, async () => {
        try {
          return await this.getRanged(key, signal);
        } catch (error) {
          if (statusOf(error) === 404 || nameOf(error) === 'NoSuchKey') throw new ObjectNotFoundError(key);
          throw error;
        }
      }),
    );
    const actual = sha256(body);
    if (recorded !== actual) throw new IntegrityError(key, recorded, actual);
    return { key, body, sha256: actual };
  }

  private async getRanged(key: string, signal: AbortSignal): Promise<{ body: Uint8Array; recorded: string | null }> {
    const part = this.partSize;
    let first: GetObjectCommandOutput;
    try {
      first = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key, Range: `bytes=0-${part - 1}` }), { abortSignal: signal });
    } catch (error) {
      // an empty object has no byte 0 to range over
      if (statusOf(error) !== 416 && nameOf(error) !== 'InvalidRange') throw error;
      first = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }), { abortSignal: signal });
    }
    const total = totalOfRange(first.ContentRange) ?? first.ContentLength ?? 0;
    const recorded = first.Metadata?.[SHA256_METADATA_KEY] ?? null;
    const backing = Buffer.allocUnsafeSlow(total);
    const body = new Uint8Array(backing.buffer, backing.byteOffset, total);
    const firstLength = first.ContentRange === undefined ? total : Math.min(part, total);
    await readBodyInto(first, body.subarray(0, firstLength), signal, `GetObject ${key}`);
    if (firstLength === total) return { body, recorded };
    const ranges = Math.ceil((total - firstLength) / part);
    await mapBounded(ranges, this.partConcurrency, async (r) => {
      const from = firstLength + r * part;
      const to = Math.min(total, from + part) - 1;
      const res = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: key, Range: `bytes=${from}-${to}`, ...(first.ETag === undefined ? {} : { IfMatch: first.ETag }) }),
        { abortSignal: signal },
      );
      await readBodyInto(res, body.subarray(from, to + 1), signal, `GetObject ${key} bytes ${from}-${to}`);
    });
    return { body, recorded };
  }

  async head(key: string, options: StoreCallOptions = {}): Promise<(StoredObject & { sha256: string | null }) | null> {
    checkObjectKey(key);
    return this.call('head', key, options, (signal) =>
      this.retry('head', key, signal, async () => {
        try {
          const res = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }), { abortSignal: signal });
          return { key, bytes: res.ContentLength ?? 0, sha256: res.Metadata?.[SHA256_METADATA_KEY] ?? null };
        } catch (error) {
          if (statusOf(error) === 404 || nameOf(error) === 'NotFound' || nameOf(error) === 'NoSuchKey') return null;
          throw error;
        }
      }),
    );
  }

  async list(prefix: string, options: StoreCallOptions = {}): Promise<StoredObject[]> {
    return this.call('list', prefix, options, async (signal) => {
      const out: StoredObject[] = [];
      let token: string | undefined;
      do {
        const page = await this.retry('list', prefix, signal, () =>
          this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token, MaxKeys: this.options.pageSize ?? 1000 }), { abortSignal: signal }),
        );
        for (const o of page.Contents ?? []) if (o.Key !== undefined) out.push({ key: o.Key, bytes: o.Size ?? 0 });
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
        if (page.IsTruncated && token === undefined) throw new ObjectStoreError(prefix, `listing ${prefix}: a truncated page without a continuation token`);
      } while (token !== undefined);
      return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    });
  }

  async delete(key: string, options: StoreCallOptions = {}): Promise<void> {
    checkObjectKey(key);
    await this.call('delete', key, options, (signal) =>
      this.retry('delete', key, signal, async () => {
        await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }), { abortSignal: signal });
      }),
    );
  }

  /** The bucket's lifecycle rules; an empty list when the bucket has no lifecycle configuration. */
  async getLifecycleRules(options: StoreCallOptions = {}): Promise<LifecycleRule[]> {
    return this.call('get-lifecycle', this.bucket, options, (signal) =>
      this.retry('get-lifecycle', this.bucket, signal, async () => {
        try {
          const res = await this.client.send(new GetBucketLifecycleConfigurationCommand({ Bucket: this.bucket }), { abortSignal: signal });
          return res.Rules ?? [];
        } catch (error) {
          if (nameOf(error) === 'NoSuchLifecycleConfiguration') return [];
          throw error;
        }
      }),
    );
  }

  /** Replace the bucket's lifecycle configuration with `rules` (callers merge first: see applyLifecycleRule). */
  async putLifecycleRules(rules: LifecycleRule[], options: StoreCallOptions = {}): Promise<void> {
    await this.call('put-lifecycle', this.bucket, options, (signal) =>
      this.retry('put-lifecycle', this.bucket, signal, async () => {
        await this.client.send(new PutBucketLifecycleConfigurationCommand({ Bucket: this.bucket, LifecycleConfiguration: { Rules: rules } }), { abortSignal: signal });
      }),
    );
  }
}
