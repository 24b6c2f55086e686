import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FsStore } from './fs-store.js';
import { S3Store } from './s3-store.js';
import { defaultStoreUri, InvalidStoreUriError, openStore, parseStoreUri } from './store-uri.js';

describe('store URIs', () => {
  it('file://DIR (absolute or relative to cwd) and s3://BUCKET[/PREFIX]', () => {
    expect(parseStoreUri('file:///data/store', '/w')).toEqual({ kind: 'fs', dir: '/data/store' });
    expect(parseStoreUri('file://rel/dir', '/w')).toEqual({ kind: 'fs', dir: '/w/rel/dir' });
    expect(parseStoreUri('s3://my-bucket', '/w')).toEqual({ kind: 's3', bucket: 'my-bucket', prefix: null });
    expect(parseStoreUri('s3://my-bucket/a/b/', '/w')).toEqual({ kind: 's3', bucket: 'my-bucket', prefix: 'a/b' });
  });
  it('rejects unknown schemes, bad buckets and bad prefixes', () => {
    for (const uri of ['http://x', '/plain/path', 's3://UPPER/x', 's3://b', 's3://bucket/../x', 'file://']) {
      expect(() => parseStoreUri(uri, '/w'), uri).toThrow(InvalidStoreUriError);
    }
  });
  it('default: $REPRO_STORE, else $REPRO_HOME/store, else ./.repro/store', () => {
    expect(defaultStoreUri({ REPRO_STORE: 's3://b-1/p' }, '/w')).toBe('s3://b-1/p');
    expect(defaultStoreUri({ REPRO_HOME: '/h' }, '/w')).toBe('file:///h/store');
    expect(defaultStoreUri({}, '/w')).toBe('file:///w/.repro/store');
  });
  it('openStore builds the right store without any network I/O', () => {
    const fs = openStore('file:///nonexistent/dir', { env: {}, cwd: '/' });
    expect(fs.store).toBeInstanceOf(FsStore);
    const s3 = openStore('s3://bucket-x/pfx', { env: { AWS_ENDPOINT_URL: 'http://127.0.0.1:9' }, cwd: '/' });
    expect(s3.store).toBeInstanceOf(S3Store);
    expect(s3.prefix).toBe('pfx');
    expect(s3.store.uriFor('pfx/r/p.npz')).toBe('s3://bucket-x/pfx/r/p.npz');
  });
  it('openStore refuses a file:// folder that is a file (it would list as empty and fail on the first write)', () => {
    const file = fileURLToPath(import.meta.url);
    expect(() => openStore(`file://${file}`, { env: {}, cwd: '/' })).toThrow(InvalidStoreUriError);
    expect(() => openStore(`file://${file}`, { env: {}, cwd: '/' })).toThrow(/exists and is not a folder/);
  });
});
