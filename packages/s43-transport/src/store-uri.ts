import { statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { FsStore } from './fs-store.js';
import type { ObjectStore } from './object-store.js';
import { createS3Client, type Env, s3SettingsFromEnv } from './s3-client-settings.js';
import { S3Store, type S3StoreOptions } from './s3-store.js';

/** Where `--store` points: `file://DIR` or `s3://BUCKET[/PREFIX]`. */
export type StoreLocation = { kind: 'fs'; dir: string } | { kind: 's3'; bucket: string; prefix: string | null };

export class InvalidStoreUriError extends Error {
  override name = 'InvalidStoreUriError';
  constructor(
    readonly uri: string,
    reason: string,
  ) {
    super(`invalid store ${JSON.stringify(uri)}: ${reason} (expected file://DIR or s3://BUCKET/PREFIX)`);
  }
}

const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** Parse a store URI; a relative `file://` directory resolves against `cwd`. Pure. */
export function parseStoreUri(uri: string, cwd: string): StoreLocation {
  if (uri.startsWith('file://')) {
    let path = uri.slice('file://'.length);
    try {
      path = decodeURIComponent(path);
    } catch {
      throw new InvalidStoreUriError(uri, 'bad percent-encoding');
    }
    if (path === '') throw new InvalidStoreUriError(uri, 'empty directory');
    return { kind: 'fs', dir: isAbsolute(path) ? path : resolve(cwd, path) };
  }
  if (uri.startsWith('s3://')) {
    const rest = uri.slice('s3://'.length);
    const slash = rest.indexOf('/');
    const bucket = slash < 0 ? rest : rest.slice(0, slash);
    const prefix = slash < 0 ? '' : rest.slice(slash + 1).replace(/\/+$/, '');
    if (!BUCKET.test(bucket)) throw new InvalidStoreUriError(uri, `bad bucket name ${JSON.stringify(bucket)}`);
    if (prefix.split('/').some((p) => p === '..' || p === '.') || prefix.includes('//')) throw new InvalidStoreUriError(uri, 'bad prefix');
    return { kind: 's3', bucket, prefix: prefix === '' ? null : prefix };
  }
  throw new InvalidStoreUriError(uri, 'unknown scheme');
}

/** `$REPRO_STORE`, else the embedded directory `$REPRO_HOME/store` (REPRO_HOME defaults to `./.repro`). */
export function defaultStoreUri(env: Env, cwd: string): string {
  const configured = env.REPRO_STORE?.trim();
  if (configured) return configured;
  const home = env.REPRO_HOME?.trim() ? resolve(cwd, env.REPRO_HOME.trim()) : join(cwd, '.repro');
  return `file://${join(home, 'store')}`;
}

export interface OpenedStore {
  store: ObjectStore;
  location: StoreLocation;
  /** The key prefix the URI names (s3://bucket/PREFIX), null when it names none. */
  prefix: string | null;
}

/**
 * Open the store a URI names. S3 settings come from `env` (passed in; see s3SettingsFromEnv). Opening
 * does no I/O: nothing is contacted or created until the first operation.
 */
export function openStore(uri: string, options: { env: Env; cwd: string; s3?: Partial<Omit<S3StoreOptions, 'client' | 'bucket'>> }): OpenedStore {
  const location = parseStoreUri(uri, options.cwd);
  if (location.kind === 'fs') {
    // a folder that is really a file would list as empty and fail on the first write: refuse it now
    const kind = statSync(location.dir, { throwIfNoEntry: false });
    if (kind !== undefined && !kind.isDirectory()) throw new InvalidStoreUriError(uri, `${location.dir} exists and is not a folder`);
    return { store: new FsStore(location.dir), location, prefix: null };
  }
  const settings = s3SettingsFromEnv(options.env);
  const store = new S3Store({
    client: createS3Client(settings),
    bucket: location.bucket,
    ...(settings.encryption === undefined ? {} : { encryption: settings.encryption }),
    ...(settings.timeouts?.totalMs === undefined ? {} : { totalTimeoutMs: settings.timeouts.totalMs }),
    ...options.s3,
  });
  return { store, location, prefix: location.prefix };
}
