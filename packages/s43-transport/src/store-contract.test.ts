import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { startMotoServer } from '@repro/test-services';
import { afterAll, describe, expect, it } from 'vitest';
import { freshBucket, motoClient, testS3Store } from '../test/moto-s3.js';
import { FsStore } from './fs-store.js';
import type { ObjectStore } from './object-store.js';
import { createS3Client, InvalidS3SettingError, s3SettingsFromEnv } from './s3-client-settings.js';
import { IntegrityError, InvalidKeyError, ObjectExistsError, ObjectNotFoundError } from './store-errors.js';

const moto = await startMotoServer();
afterAll(() => moto?.stop());

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const bytes = (s: string) => new Uint8Array(Buffer.from(s));

const stores: [string, boolean, () => Promise<ObjectStore>][] = [
  ['FsStore', false, async () => new FsStore(mkdtempSync(join(tmpdir(), 's43-fs-')))],
  ['S3Store (moto)', moto === null, async () => testS3Store(moto!.endpoint, await freshBucket(moto!.endpoint, 'c'), { pageSize: 3 })],
];

for (const [label, skip, make] of stores) {
  describe.skipIf(skip)(`ObjectStore contract: ${label}`, () => {
    it('put then get returns the same bytes and their sha256; head reports the size', async () => {
      const store = await make();
      const put = await store.put('p/run/a.npz', bytes('hello'));
      expect(put).toEqual({ key: 'p/run/a.npz', bytes: 5, sha256: sha(bytes('hello')) });
      const got = await store.get('p/run/a.npz');
      expect(Buffer.from(got.body).toString()).toBe('hello');
      expect(got.sha256).toBe(sha(bytes('hello')));
      expect((await store.head('p/run/a.npz'))?.bytes).toBe(5);
    });
    it('create-only refuses an existing key; a plain put replaces it', async () => {
      const store = await make();
      await store.put('k/x', bytes('one'), { createOnly: true });
      await expect(store.put('k/x', bytes('two'), { createOnly: true })).rejects.toBeInstanceOf(ObjectExistsError);
      expect(Buffer.from((await store.get('k/x')).body).toString()).toBe('one');
      await store.put('k/x', bytes('three'));
      expect(Buffer.from((await store.get('k/x')).body).toString()).toBe('three');
    });
    it('a missing key: get throws ObjectNotFoundError, head gives null', async () => {
      const store = await make();
      await expect(store.get('nope/x')).rejects.toBeInstanceOf(ObjectNotFoundError);
      expect(await store.head('nope/x')).toBeNull();
    });
    it('list returns every key under the prefix, across pages, sorted, and nothing else', async () => {
      const store = await make();
      const keys = Array.from({ length: 7 }, (_, k) => `pre/run/pod${k}.npz`);
      for (const key of [...keys].reverse()) await store.put(key, bytes(key));
      await store.put('pre/other/x.npz', bytes('x'));
      await store.put('pre/run2/x.npz', bytes('x'));
      const listed = await store.list('pre/run/');
      expect(listed).toEqual(keys.map((key) => ({ key, bytes: key.length })));
    });
    it('invalid keys are rejected before any I/O', async () => {
      const store = await make();
      for (const key of ['', '/abs', 'a/../b', 'a//b', 'a\\b']) await expect(store.put(key, bytes('x'))).rejects.toBeInstanceOf(InvalidKeyError);
    });
    it('delete removes the object', async () => {
      const store = await make();
      await store.put('d/x', bytes('x'));
      await store.delete('d/x');
      expect(await store.head('d/x')).toBeNull();
    });
  });
}

describe('FsStore specifics', () => {
  it('writes through a temp file: a failed create-only write leaves no temp file, and listing never shows one', async () => {
    const root = mkdtempSync(join(tmpdir(), 's43-fs-'));
    const store = new FsStore(root);
    await store.put('r/a.npz', bytes('one'), { createOnly: true });
    await expect(store.put('r/a.npz', bytes('two'), { createOnly: true })).rejects.toBeInstanceOf(ObjectExistsError);
    await store.put('r/a.npz', bytes('three'));
    expect(readdirSync(join(root, 'r'))).toEqual(['a.npz']);
    writeFileSync(join(root, 'r', '.b.npz.tmp-1-abc'), 'a writer that crashed mid-way');
    expect(await store.list('r/')).toEqual([{ key: 'r/a.npz', bytes: 5 }]);
  });
});

describe.skipIf(moto === null)('S3Store specifics (moto)', () => {
  it('records our sha256 in object metadata and refuses an object whose bytes do not match it', async () => {
    const bucket = await freshBucket(moto!.endpoint);
    const store = testS3Store(moto!.endpoint, bucket);
    await store.put('a/b.npz', bytes('payload'));
    const head = await motoClient(moto!.endpoint).send(new HeadObjectCommand({ Bucket: bucket, Key: 'a/b.npz' }));
    expect(head.Metadata).toEqual({ sha256: sha(bytes('payload')) });
    await motoClient(moto!.endpoint).send(new PutObjectCommand({ Bucket: bucket, Key: 'a/b.npz', Body: 'tampered', Metadata: { sha256: sha(bytes('payload')) } }));
    await expect(store.get('a/b.npz')).rejects.toBeInstanceOf(IntegrityError);
    await motoClient(moto!.endpoint).send(new PutObjectCommand({ Bucket: bucket, Key: 'a/c.npz', Body: 'no metadata' }));
    await expect(store.get('a/c.npz')).rejects.toThrow(/no sha256 metadata/);
  });
  it('multipart above the threshold: round trip, and create-only still refuses an existing key', async () => {
    const store = testS3Store(moto!.endpoint, await freshBucket(moto!.endpoint), { multipartThresholdBytes: 5 * 1024 * 1024, partSizeBytes: 5 * 1024 * 1024 });
    const big = new Uint8Array(11 * 1024 * 1024).map((_, k) => (k * 31) & 0xff);
    expect(await store.put('m/big.npz', big, { createOnly: true })).toEqual({ key: 'm/big.npz', bytes: big.length, sha256: sha(big) });
    const got = await store.get('m/big.npz');
    expect(got.sha256).toBe(sha(big));
    expect(Buffer.from(got.body).equals(Buffer.from(big))).toBe(true);
    await expect(store.put('m/big.npz', big, { createOnly: true })).rejects.toBeInstanceOf(ObjectExistsError);
  });

  it('a large blob comes down as parallel ranged GETs into one buffer of its size, byte for byte', async () => {
    const bucket = await freshBucket(moto!.endpoint);
    const big = new Uint8Array(11 * 1024 * 1024 + 3).map((_, k) => (k * 131 + (k >> 16)) & 0xff);
    await testS3Store(moto!.endpoint, bucket).put('m/ranged.npz', big);
    // 1 MiB ranges, 3 at once: 12 ranges, the last one 3 bytes
    const got = await testS3Store(moto!.endpoint, bucket, { partSizeBytes: 1 << 20, partConcurrency: 3 }).get('m/ranged.npz');
    expect(got.body.length).toBe(big.length);
    expect(got.body.buffer.byteLength).toBe(big.length);
    expect(Buffer.from(got.body).equals(Buffer.from(big))).toBe(true);
    const empty = testS3Store(moto!.endpoint, bucket, { partSizeBytes: 1 << 20 });
    await empty.put('m/empty.bin', new Uint8Array(0));
    expect((await empty.get('m/empty.bin')).body.length).toBe(0);
  });
  it('server-side encryption AES256 or aws:kms (with a key id) is requested on every write, multipart included', async () => {
    const bucket = await freshBucket(moto!.endpoint);
    const head = (key: string) => motoClient(moto!.endpoint).send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    await testS3Store(moto!.endpoint, bucket, { encryption: { type: 'AES256' } }).put('e/x', bytes('secret'));
    expect((await head('e/x')).ServerSideEncryption).toBe('AES256');
    const kms = testS3Store(moto!.endpoint, bucket, { encryption: { type: 'aws:kms', kmsKeyId: 'alias/s43' }, multipartThresholdBytes: 5 << 20, partSizeBytes: 5 << 20 });
    await kms.put('e/small', bytes('secret'));
    await kms.put('e/big', new Uint8Array(6 << 20));
    for (const key of ['e/small', 'e/big']) expect(await head(key), key).toMatchObject({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: expect.stringContaining('alias/s43') });
  });
  it('settings follow AWS conventions and an endpoint means path-style addressing', async () => {
    const settings = s3SettingsFromEnv({ AWS_ENDPOINT_URL: 'http://127.0.0.1:1', AWS_ENDPOINT_URL_S3: moto!.endpoint, AWS_REGION: 'eu-west-3', AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', REPRO_S3_SSE: 'aws:kms', REPRO_S3_KMS_KEY_ID: 'k1' });
    expect(settings).toEqual({ region: 'eu-west-3', endpoint: moto!.endpoint, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' }, encryption: { type: 'aws:kms', kmsKeyId: 'k1' } });
    expect(s3SettingsFromEnv({ AWS_ENDPOINT_URL: 'http://e' })).toEqual({ region: 'us-east-1', endpoint: 'http://e' });
    expect(s3SettingsFromEnv({})).toEqual({ region: 'us-east-1' });
    expect(() => s3SettingsFromEnv({ REPRO_S3_SSE: 'aes' })).toThrow(new InvalidS3SettingError('REPRO_S3_SSE', 'aes', 'must be AES256 or aws:kms'));
    expect(() => s3SettingsFromEnv({ AWS_ENDPOINT_URL: 'localhost:9000' })).toThrow(/^AWS_ENDPOINT_URL="localhost:9000": is not an http\(s\) URL/);
    const client = createS3Client(settings);
    expect(client.config.forcePathStyle).toBe(true);
    expect(createS3Client(s3SettingsFromEnv({})).config.forcePathStyle).toBeFalsy();
  });
});
