import { createHash } from 'node:crypto';
import {
  DeleteObjectCommand,
  GetBucketLifecycleConfigurationCommand,
  GetObjectCommand,
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
import { DEFAULT_RETRY_POLICY, type RetryHooks, type RetryPolicy, withRetries } from './s3-retry.js';
import { IntegrityError, ObjectExistsError, ObjectNotFoundError, ObjectStoreError } from './store-errors.js';

/** Server-side encryption for every write. */
export type S3Encryption = { type: 'AES256' } | { type: 'aws:kms'; kmsKeyId?: string };

export interface S3StoreOptions {
  /** A configured client. Build one with `createS3Client` (path-style when an endpoint is set). */
  client: S3Client;
  bucket: string;
  encryption?: S3Encryption;
  /** Blobs larger than this go through multipart upload (default 16 MiB). */
  multipartThresholdBytes?: number;
  /** Multipart part size (default 8 MiB, S3's minimum is 5 MiB). */
  partSizeBytes?: number;
  /** ListObjectsV2 page size (default 1000). */
  pageSize?: number;
  retry?: Partial<RetryPolicy>;
  retryHooks?: RetryHooks;
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

/**
 * An ObjectStore on S3 (or an S3-compatible service). Every write records our sha256 in the object
 * metadata and every read verifies it; create-only writes send `If-None-Match: *`; bodies go up as
 * Buffers (PutObject below the multipart threshold, lib-storage multipart above); every request is retried
 * with bounded exponential backoff on 5xx, SlowDown/throttling, timeouts and connection resets.
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

  private retry<T>(operation: string, key: string, attempt: () => Promise<T>): Promise<T> {
    return withRetries(operation, key, attempt, this.policy, this.options.retryHooks);
  }

  private encryptionParams(): Pick<PutObjectCommandInput, 'ServerSideEncryption' | 'SSEKMSKeyId'> {
    const e = this.options.encryption;
    if (e === undefined) return {};
    if (e.type === 'AES256') return { ServerSideEncryption: 'AES256' };
    return { ServerSideEncryption: 'aws:kms', ...(e.kmsKeyId === undefined ? {} : { SSEKMSKeyId: e.kmsKeyId }) };
  }

  async put(key: string, body: Uint8Array, options: PutOptions = {}): Promise<PutResult> {
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
    try {
      await this.retry('put', key, async () => {
        if (buffer.length <= threshold) {
          await this.client.send(new PutObjectCommand(params));
          return;
        }
        const upload = new Upload({ client: this.client, params, partSize: this.options.partSizeBytes ?? 8 * 1024 * 1024, queueSize: 4, leavePartsOnError: false });
        await upload.done();
      });
    } catch (error) {
      if (statusOf(error) === 412 || nameOf(error) === 'PreconditionFailed') throw new ObjectExistsError(key);
      throw error;
    }
    return { key, bytes: body.length, sha256: digest };
  }

  async get(key: string): Promise<ObjectBlob> {
    checkObjectKey(key);
    const { body, recorded } = await this.retry('get', key, async () => {
      try {
        const res = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
        if (res.Body === undefined) throw new TruncatedBodyError(`GetObject ${key} returned no body`);
        const bytes = await res.Body.transformToByteArray();
        if (res.ContentLength !== undefined && bytes.length !== res.ContentLength) {
          throw new TruncatedBodyError(`GetObject ${key}: got ${bytes.length} of ${res.ContentLength} bytes`);
        }
        return { body: bytes, recorded: res.Metadata?.[SHA256_METADATA_KEY] ?? null };
      } catch (error) {
        if (statusOf(error) === 404 || nameOf(error) === 'NoSuchKey') throw new ObjectNotFoundError(key);
        throw error;
      }
    });
    const actual = sha256(body);
    if (recorded !== actual) throw new IntegrityError(key, recorded, actual);
    return { key, body, sha256: actual };
  }

  async head(key: string): Promise<(StoredObject & { sha256: string | null }) | null> {
    checkObjectKey(key);
    return this.retry('head', key, async () => {
      try {
        const res = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
        return { key, bytes: res.ContentLength ?? 0, sha256: res.Metadata?.[SHA256_METADATA_KEY] ?? null };
      } catch (error) {
        if (statusOf(error) === 404 || nameOf(error) === 'NotFound' || nameOf(error) === 'NoSuchKey') return null;
        throw error;
      }
    });
  }

  async list(prefix: string): Promise<StoredObject[]> {
    const out: StoredObject[] = [];
    let token: string | undefined;
    do {
      const page = await this.retry('list', prefix, () =>
        this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token, MaxKeys: this.options.pageSize ?? 1000 })),
      );
      for (const o of page.Contents ?? []) if (o.Key !== undefined) out.push({ key: o.Key, bytes: o.Size ?? 0 });
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
      if (page.IsTruncated && token === undefined) throw new ObjectStoreError(prefix, `listing ${prefix}: a truncated page without a continuation token`);
    } while (token !== undefined);
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async delete(key: string): Promise<void> {
    checkObjectKey(key);
    await this.retry('delete', key, () => this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key })));
  }

  /** The bucket's lifecycle rules; an empty list when the bucket has no lifecycle configuration. */
  async getLifecycleRules(): Promise<LifecycleRule[]> {
    return this.retry('get-lifecycle', this.bucket, async () => {
      try {
        const res = await this.client.send(new GetBucketLifecycleConfigurationCommand({ Bucket: this.bucket }));
        return res.Rules ?? [];
      } catch (error) {
        if (nameOf(error) === 'NoSuchLifecycleConfiguration') return [];
        throw error;
      }
    });
  }

  /** Replace the bucket's lifecycle configuration with `rules` (callers merge first: see applyLifecycleRule). */
  async putLifecycleRules(rules: LifecycleRule[]): Promise<void> {
    await this.retry('put-lifecycle', this.bucket, () =>
      this.client.send(new PutBucketLifecycleConfigurationCommand({ Bucket: this.bucket, LifecycleConfiguration: { Rules: rules } })),
    );
  }
}
