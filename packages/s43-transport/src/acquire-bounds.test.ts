import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectEvents } from '../test/collect-events.js';
import { craftNpy, craftZip } from '../test/craft-zip.js';
import { ByteBudget } from './byte-budget.js';
import { FsStore } from './fs-store.js';
import { npyArray } from './npy-array.js';
import type { ObjectStore } from './object-store.js';
import { S43Transport } from './s43-transport.js';

describe('ByteBudget (bytes in flight)', () => {
  it('admits work while it fits, one oversized item alone, first come first served', async () => {
    const budget = new ByteBudget(100);
    const order: string[] = [];
    await budget.take(60);
    const b = budget.take(50).then(() => order.push('b'));
    const c = budget.take(10).then(() => order.push('c')); // fits, but waits behind b (no overtaking)
    await Promise.resolve();
    expect(order).toEqual([]);
    budget.release(60);
    await Promise.all([b, c]);
    expect(order).toEqual(['b', 'c']);
    budget.release(60);
    await budget.take(500); // larger than the budget: admitted when nothing is held
    budget.release(500);
  });
});

/** A store that records how many bytes of blobs are being fetched at once. */
function measuring(inner: ObjectStore): ObjectStore & { peak: number } {
  let inFlight = 0;
  const wrapped = Object.create(inner) as ObjectStore & { peak: number };
  wrapped.peak = 0;
  wrapped.get = async (key, options) => {
    const { bytes } = (await inner.head(key))!;
    inFlight += bytes;
    wrapped.peak = Math.max(wrapped.peak, inFlight);
    try {
      await new Promise((r) => setTimeout(r, 5));
      return await inner.get(key, options);
    } finally {
      inFlight -= bytes;
    }
  };
  return wrapped;
}

describe('acquire', () => {
  it('counts bytes in flight, not only blobs: a budget of one blob loads them one at a time, all of them', async () => {
    const fs = new FsStore(mkdtempSync(join(tmpdir(), 's43-bounds-')));
    const writer = new S43Transport({ store: fs });
    for (let k = 0; k < 6; k += 1) await writer.persist('r', `p${k}`, { preds: npyArray(new Float32Array(4096).fill(k)) });
    const blobBytes = (await writer.list('r'))[0]!.bytes;
    const store = measuring(fs);
    const got = await new S43Transport({ store, concurrency: 6, maxInFlightBytes: blobBytes + 1 }).acquire('r');
    expect(got.cohort.map((c) => (c.arrays[0]!.array.data as Float32Array)[0])).toEqual([0, 1, 2, 3, 4, 5]);
    expect(store.peak).toBe(blobBytes);
    const wide = measuring(fs);
    await new S43Transport({ store: wide, concurrency: 6 }).acquire('r');
    expect(wide.peak).toBeGreaterThan(blobBytes); // the default budget lets several through
  });

  it('a pod blob holding a member that is not an array: loaded, the member listed as skipped and reported by an event', async () => {
    const store = new FsStore(mkdtempSync(join(tmpdir(), 's43-skip-')));
    const npy = craftNpy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", new Uint8Array(4));
    await store.put('s43-predictions/r/p0.npz', craftZip([{ name: 'preds.npy', data: npy }, { name: 'notes.txt', data: new Uint8Array(3) }]));
    const { events, emit } = collectEvents();
    const got = await new S43Transport({ store, emit }).acquire('r');
    expect(got.cohort[0]).toMatchObject({ pod: 'p0', arrays: [{ name: 'preds' }], skipped: [{ name: 'notes.txt', reason: 'not_npy', bytes: 3 }] });
    expect(events).toEqual([
      { event: 's43_pred_member_skipped', severity: 'warning', run_id: 'r', pod: 'p0', key: 's43-predictions/r/p0.npz', member: 'notes.txt', reason: 'not_npy' },
      { event: 's43_acquire_outcome', severity: 'info', run_id: 'r', keys: 1, loaded: 1, failed: 0, skipped_members: 1 },
    ]);
  });

  it('regression (issue 14): an archive of many honest members over maxTotalBytes is a listed failure, not an out-of-memory', async () => {
    const store = new FsStore(mkdtempSync(join(tmpdir(), 's43-total-')));
    const member = craftNpy("{'descr': '|u1', 'fortran_order': False, 'shape': (4194304,), }", new Uint8Array(4 << 20));
    await store.put('s43-predictions/r/p0.npz', craftZip(Array.from({ length: 8 }, (_, k) => ({ name: `m${k}.npy`, data: member, method: 8 as const }))));
    const got = await new S43Transport({ store, maxTotalBytes: 16 << 20 }).acquire('r');
    expect(got.failures).toEqual([{ pod: 'p0', key: 's43-predictions/r/p0.npz', reason: expect.stringMatching(/^archive_too_large: .*m3\.npy/) }]);
  });
});
