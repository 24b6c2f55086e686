import { createHash } from 'node:crypto';
import { link, mkdir, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isTempFileName, writeTempFile } from './atomic-file.js';
import { checkObjectKey, type ObjectBlob, type ObjectStore, type PutOptions, type PutResult, type StoredObject } from './object-store.js';
import { ObjectExistsError, ObjectNotFoundError, StoreAbortedError, type StoreCallOptions } from './store-errors.js';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const errno = (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code;
/** Local calls are short; the caller's signal is honoured before each one starts. */
function notAborted(options: StoreCallOptions | undefined, operation: string, key: string): void {
  if (options?.signal?.aborted) throw new StoreAbortedError(key, operation, options.signal.reason);
}

/**
 * An ObjectStore over a local directory. Writes go to a temp file in the target directory, are fsynced,
 * then renamed (or, create-only, hard-linked: `link` fails atomically when the key exists) into place,
 * so a reader never sees a partial blob. The sha256 is computed on read (the file system keeps no
 * metadata); S3Store is the one that verifies a recorded hash.
 */
export class FsStore implements ObjectStore {
  readonly root: string;
  readonly baseUri: string;

  constructor(root: string) {
    this.root = resolve(root);
    this.baseUri = pathToFileURL(this.root).href;
  }

  uriFor(key: string): string {
    return `${this.baseUri}/${key}`;
  }

  private path(key: string): string {
    checkObjectKey(key);
    return join(this.root, ...key.split('/'));
  }

  async put(key: string, body: Uint8Array, options: PutOptions & StoreCallOptions = {}): Promise<PutResult> {
    notAborted(options, 'put', key);
    const target = this.path(key);
    await mkdir(dirname(target), { recursive: true });
    const temp = await writeTempFile(target, (handle) => handle.writeFile(body));
    try {
      if (options.createOnly) {
        try {
          await link(temp, target);
        } catch (error) {
          if (errno(error) === 'EEXIST') throw new ObjectExistsError(key);
          throw error;
        }
      } else {
        await rename(temp, target);
      }
    } finally {
      await unlink(temp).catch(() => undefined);
    }
    return { key, bytes: body.length, sha256: sha256(body) };
  }

  async get(key: string, options?: StoreCallOptions): Promise<ObjectBlob> {
    notAborted(options, 'get', key);
    const target = this.path(key);
    try {
      const body = new Uint8Array(await readFile(target));
      return { key, body, sha256: sha256(body) };
    } catch (error) {
      if (errno(error) === 'ENOENT') throw new ObjectNotFoundError(key);
      throw error;
    }
  }

  async head(key: string, options?: StoreCallOptions): Promise<(StoredObject & { sha256: string | null }) | null> {
    notAborted(options, 'head', key);
    try {
      const s = await stat(this.path(key));
      return s.isFile() ? { key, bytes: s.size, sha256: null } : null;
    } catch (error) {
      if (errno(error) === 'ENOENT') return null;
      throw error;
    }
  }

  async list(prefix: string, options?: StoreCallOptions): Promise<StoredObject[]> {
    notAborted(options, 'list', prefix);
    const slash = prefix.lastIndexOf('/');
    const dirPart = slash < 0 ? '' : prefix.slice(0, slash);
    const start = dirPart === '' ? this.root : join(this.root, ...dirPart.split('/'));
    const out: StoredObject[] = [];
    const walk = async (dir: string): Promise<void> => {
      let names: import('node:fs').Dirent[];
      try {
        names = await readdir(dir, { withFileTypes: true });
      } catch (error) {
        if (errno(error) === 'ENOENT' || errno(error) === 'ENOTDIR') return;
        throw error;
      }
      for (const entry of names) {
        const full = join(dir, entry.name);
        if (entry.isDirectory()) await walk(full);
        else if (entry.isFile() && !isTempFileName(entry.name)) {
          const key = relative(this.root, full).split(sep).join('/');
          if (key.startsWith(prefix)) out.push({ key, bytes: (await stat(full)).size });
        }
      }
    };
    await walk(start);
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async delete(key: string, options?: StoreCallOptions): Promise<void> {
    notAborted(options, 'delete', key);
    await unlink(this.path(key)).catch((error) => {
      if (errno(error) !== 'ENOENT') throw error;
    });
  }
}
