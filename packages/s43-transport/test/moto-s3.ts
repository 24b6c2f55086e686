import { randomBytes } from 'node:crypto';
import { CreateBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import { createS3Client } from '../src/s3-client-settings.js';
import { S3Store, type S3StoreOptions } from '../src/s3-store.js';

export const TEST_CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing' };

export function motoClient(endpoint: string): S3Client {
  return createS3Client({ region: 'us-east-1', endpoint, credentials: TEST_CREDENTIALS }, { requestTimeoutMs: 10_000, connectionTimeoutMs: 2_000 });
}

/** A fresh bucket on moto (one per test, so tests never see each other's objects). */
export async function freshBucket(endpoint: string, tag = 't'): Promise<string> {
  const bucket = `s43-${tag}-${randomBytes(5).toString('hex')}`;
  await motoClient(endpoint).send(new CreateBucketCommand({ Bucket: bucket }));
  return bucket;
}

/** An S3Store with fast retries (tests never wait seconds). */
export function testS3Store(endpoint: string, bucket: string, options: Partial<S3StoreOptions> = {}): S3Store {
  return new S3Store({ client: motoClient(endpoint), bucket, retry: { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 20 }, ...options });
}
