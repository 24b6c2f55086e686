import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FsStore, StoreAbortedError } from '@repro/s43-transport';
import { describe, expect, it } from 'vitest';
import { canonicalStoreForJob, objectStoreForJob } from './job-scoped-stores.js';

describe("a job's abort signal reaches its store calls", () => {
  it('canonical store: a call that never answers ends with the abort reason when the job is aborted', async () => {
    const silent = { getCanonical: () => new Promise<never>(() => undefined), target: 'pg' };
    const controller = new AbortController();
    const store = canonicalStoreForJob(silent, controller.signal);
    expect(store.target).toBe('pg');
    const pending = store.getCanonical();
    controller.abort(new Error('shutting down'));
    await expect(pending).rejects.toThrow('shutting down');
    // and a call made after the abort does not start
    let started = false;
    const counting = canonicalStoreForJob(
      {
        getEpsProd: async () => {
          started = true;
        },
      },
      controller.signal,
    );
    await expect(Promise.resolve().then(() => counting.getEpsProd())).rejects.toThrow('shutting down');
    expect(started).toBe(false);
  });

  it('object store: every call gets the job signal, combined with its own', async () => {
    const store = new FsStore(mkdtempSync(join(tmpdir(), 'job-store-')));
    const controller = new AbortController();
    const scoped = objectStoreForJob(store, controller.signal);
    await scoped.put('a/b.json', Buffer.from('{}'));
    expect(await scoped.head('a/b.json')).toMatchObject({ key: 'a/b.json' });
    controller.abort(new Error('lease lost'));
    await expect(scoped.get('a/b.json')).rejects.toBeInstanceOf(StoreAbortedError);
    await expect(scoped.list('a/')).rejects.toBeInstanceOf(StoreAbortedError);
    const own = new AbortController();
    own.abort();
    await expect(objectStoreForJob(store, new AbortController().signal).head('a/b.json', { signal: own.signal })).rejects.toBeInstanceOf(StoreAbortedError);
  });
});
