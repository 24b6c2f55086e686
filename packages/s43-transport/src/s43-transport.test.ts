import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMotoServer } from '@repro/test-services';
import { afterAll, describe, expect, it } from 'vitest';
import { collectEvents } from '../test/collect-events.js';
import { freshBucket, testS3Store } from '../test/moto-s3.js';
import { decideGate } from './cohort-gate.js';
import { FsStore } from './fs-store.js';
import { npyArray } from './npy-array.js';
import type { ObjectStore } from './object-store.js';
import { InvalidIdError } from './s43-ids.js';
import { PersistConflictError, S43Transport } from './s43-transport.js';

const moto = await startMotoServer();
afterAll(() => moto?.stop());

const preds = (v: number) => ({ preds: npyArray(Float32Array.of(v, v + 1, v + 2), [3]), ids: npyArray(BigInt64Array.of(BigInt(v)), [1]) });

/** A store that records every call, to prove invalid ids are refused before any I/O. */
function recording(inner: ObjectStore): ObjectStore & { calls: string[]; failPut?: (key: string) => boolean } {
  const calls: string[] = [];
  const self = {
    calls,
    failPut: undefined as ((key: string) => boolean) | undefined,
    baseUri: inner.baseUri,
    uriFor: (k: string) => inner.uriFor(k),
    put: async (k: string, b: Uint8Array, o?: { createOnly?: boolean }) => {
      calls.push(`put ${k}`);
      if (self.failPut?.(k)) throw new Error('disk full');
      return inner.put(k, b, o);
    },
    get: async (k: string) => {
      calls.push(`get ${k}`);
      return inner.get(k);
    },
    head: async (k: string) => {
      calls.push(`head ${k}`);
      return inner.head(k);
    },
    list: async (p: string) => {
      calls.push(`list ${p}`);
      return inner.list(p);
    },
    delete: async (k: string) => {
      calls.push(`delete ${k}`);
      return inner.delete(k);
    },
  };
  return self;
}

const backends: [string, boolean, () => Promise<ObjectStore>][] = [
  ['FsStore', false, async () => new FsStore(mkdtempSync(join(tmpdir(), 's43-tr-')))],
  ['S3Store (moto)', moto === null, async () => testS3Store(moto!.endpoint, await freshBucket(moto!.endpoint, 'tr'), { pageSize: 5 })],
];

for (const [label, skip, make] of backends) {
  describe.skipIf(skip)(`S43Transport on ${label}`, () => {
    it('persist writes <prefix>/<run>/<pod>.npz; the same content again is a no-op; different content is a conflict unless overwrite', async () => {
      const store = await make();
      const { events, emit } = collectEvents();
      const t = new S43Transport({ store, emit });
      const first = await t.persist('run-1', 'pod-0', preds(1));
      expect(first).toMatchObject({ key: 's43-predictions/run-1/pod-0.npz', uri: store.uriFor('s43-predictions/run-1/pod-0.npz'), created: true });
      expect(first.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(await t.persist('run-1', 'pod-0', preds(1))).toEqual({ ...first, created: false });
      const conflict = t.persist('run-1', 'pod-0', preds(2));
      await expect(conflict).rejects.toBeInstanceOf(PersistConflictError);
      expect(events).toEqual([expect.objectContaining({ event: 's43_pred_persist_failed', run_id: 'run-1', pod: 'pod-0', severity: 'error', reason: expect.stringContaining('PersistConflictError') })]);
      const replaced = await t.persist('run-1', 'pod-0', preds(2), { overwrite: true });
      expect(replaced.created).toBe(true);
      expect(replaced.sha256).not.toBe(first.sha256);
      const [only] = (await t.acquire('run-1')).cohort;
      expect(Array.from(only!.arrays[0]!.array.data as Float32Array)).toEqual([2, 3, 4]);
    });

    it('the same arrays persisted with the other compression setting are the same content: a no-op, not a conflict', async () => {
      const store = await make();
      const stored = await new S43Transport({ store }).persist('run-c', 'pod-0', preds(5));
      const compressed = new S43Transport({ store, compressed: true });
      expect(await compressed.persist('run-c', 'pod-0', preds(5))).toEqual({ ...stored, created: false });
      await expect(compressed.persist('run-c', 'pod-0', preds(6))).rejects.toBeInstanceOf(PersistConflictError);
      await store.put('s43-predictions/run-c/pod-1.npz', new Uint8Array(Buffer.from('not a zip')));
      await expect(compressed.persist('run-c', 'pod-1', preds(5))).rejects.toBeInstanceOf(PersistConflictError);
    });

    it('invalid run or pod ids are rejected before any I/O', async () => {
      const store = recording(await make());
      const t = new S43Transport({ store });
      for (const [run, pod] of [
        ['../x', 'p'],
        ['r', 'a/b'],
        ['r', '.hidden'],
        ['', 'p'],
        ['r', 'x'.repeat(129)],
      ] as const) {
        await expect(t.persist(run, pod, preds(1))).rejects.toBeInstanceOf(InvalidIdError);
      }
      await expect(t.acquire('bad/run')).rejects.toBeInstanceOf(InvalidIdError);
      await expect(t.gate('bad run', 1)).rejects.toBeInstanceOf(InvalidIdError);
      await expect(t.gate('ok', 1, { pods: ['../p'] })).rejects.toBeInstanceOf(InvalidIdError);
      await expect(t.list('..')).rejects.toBeInstanceOf(InvalidIdError);
      expect(store.calls).toEqual([]);
    });

    it('acquire loads every pod across list pages, excludes _gate.json and other files, and reports a corrupt blob as a failure', async () => {
      const store = await make();
      const { events, emit } = collectEvents();
      const t = new S43Transport({ store, emit });
      const pods = Array.from({ length: 12 }, (_, k) => `pod-${String(k).padStart(2, '0')}`);
      for (const [k, pod] of pods.entries()) await t.persist('run-a', pod, preds(k));
      await t.persist('run-b', 'pod-00', preds(99));
      await store.put('s43-predictions/run-a/notes.txt', new Uint8Array(3));
      await store.put('s43-predictions/run-a/pod-bad.npz', new Uint8Array(Buffer.from('not a zip')));
      expect((await t.gate('run-a', 13)).persisted).toBe(true);
      events.length = 0;
      const got = await t.acquire('run-a');
      expect(got.run_id).toBe('run-a');
      expect(got.cohort.map((c) => c.pod)).toEqual(pods);
      expect(got.cohort.map((c) => Array.from(c.arrays[0]!.array.data as Float32Array)[0])).toEqual(pods.map((_, k) => k));
      expect(got.failures).toEqual([{ pod: 'pod-bad', key: 's43-predictions/run-a/pod-bad.npz', reason: expect.stringMatching(/^truncated: /) }]);
      expect(events).toEqual([
        expect.objectContaining({ event: 's43_pred_load_failed', run_id: 'run-a', pod: 'pod-bad' }),
        { event: 's43_acquire_outcome', severity: 'error', run_id: 'run-a', keys: 13, loaded: 12, failed: 1, skipped_members: 0 },
      ]);
    });

    it('gate counts the cohort, names missing pods, and persists _gate.json (not counted itself)', async () => {
      const store = await make();
      const { events, emit } = collectEvents();
      const t = new S43Transport({ store, prefix: 'custom/pfx', emit });
      for (const pod of ['p1', 'p2', 'p3']) await t.persist('r9', pod, preds(0));
      const complete = await t.gate('r9', 3);
      const plain = { missing_pods: null, unexpected_pods: null, allow_unexpected: false, verified: false, corrupt_pods: null };
      expect(complete).toEqual({ run_id: 'r9', cohort_count: 3, expected: 3, complete: true, ...plain, gate_key: 'custom/pfx/r9/_gate.json', persisted: true });
      const stored = JSON.parse(Buffer.from((await store.get('custom/pfx/r9/_gate.json')).body).toString());
      expect(stored).toEqual({ run_id: 'r9', cohort_count: 3, expected: 3, complete: true, ...plain, pods: ['p1', 'p2', 'p3'] });
      const again = await t.gate('r9', 4, { pods: ['p1', 'p4', 'p2', 'p0'] });
      expect(again).toMatchObject({ cohort_count: 3, expected: 4, complete: false, missing_pods: ['p0', 'p4'] });
      expect(events.at(-1)).toEqual({
        event: 's43_gate_outcome',
        severity: 'warning',
        run_id: 'r9',
        cohort_count: 3,
        expected: 4,
        complete: false,
        missing_pods: ['p0', 'p4'],
        unexpected_pods: ['p3'],
        verified: false,
        corrupt_pods: null,
      });
    });

    it('a gate result that cannot be persisted is reported: persisted false and s43_gate_persist_failed', async () => {
      const store = recording(await make());
      store.failPut = (key) => key.endsWith('_gate.json');
      const { events, emit } = collectEvents();
      const t = new S43Transport({ store, emit });
      await t.persist('r1', 'p1', preds(0));
      const outcome = await t.gate('r1', 1);
      expect(outcome).toMatchObject({ complete: true, persisted: false });
      expect(events).toContainEqual({ event: 's43_gate_persist_failed', severity: 'error', run_id: 'r1', key: 's43-predictions/r1/_gate.json', cohort_count: 1, expected: 1, reason: 'Error: disk full' });
    });
  });
}

describe('decideGate (pure)', () => {
  const plain = { unexpected_pods: null, allow_unexpected: false, verified: false, corrupt_pods: null };
  it('complete iff cohort_count == expected (the seed rule) and no named pod is missing', () => {
    expect(decideGate('r', 2, ['a', 'b'])).toEqual({ run_id: 'r', cohort_count: 2, expected: 2, complete: true, missing_pods: null, ...plain });
    expect(decideGate('r', 3, ['a', 'b']).complete).toBe(false);
    expect(decideGate('r', 1, ['a', 'b'], { namedPods: ['c', 'a'] })).toMatchObject({ cohort_count: 2, expected: 1, complete: false, missing_pods: ['c'], unexpected_pods: ['b'] });
    expect(decideGate('r', 0, [], { namedPods: [] })).toMatchObject({ complete: true, missing_pods: [], unexpected_pods: [] });
    expect(() => decideGate('r', -1, [])).toThrow(RangeError);
  });
  it('regression (issue 14): 15 expected pods plus an unexpected pod-99 with pod-15 missing is incomplete', () => {
    const expected = Array.from({ length: 16 }, (_, k) => `pod-${String(k).padStart(2, '0')}`);
    const present = [...expected.filter((p) => p !== 'pod-15'), 'pod-99'];
    const named = decideGate('r', 16, present, { namedPods: expected });
    expect(named).toMatchObject({ cohort_count: 16, complete: false, missing_pods: ['pod-15'], unexpected_pods: ['pod-99'] });
    // without names: one pod too many is not "complete" (== is the rule), unless surplus pods are allowed
    expect(decideGate('r', 15, present).complete).toBe(false);
    expect(decideGate('r', 15, present, { allowUnexpected: true })).toMatchObject({ complete: true, allow_unexpected: true });
    // named and all present, plus a surplus pod: incomplete unless allowed, and reported either way
    const surplus = [...expected, 'pod-99'];
    expect(decideGate('r', 16, surplus, { namedPods: expected })).toMatchObject({ complete: false, unexpected_pods: ['pod-99'] });
    expect(decideGate('r', 16, surplus, { namedPods: expected, allowUnexpected: true })).toMatchObject({ complete: true, unexpected_pods: ['pod-99'] });
  });
  it('a verified cohort with a corrupt blob is incomplete, naming the pod', () => {
    expect(decideGate('r', 2, ['a', 'b'], { corrupt: [{ pod: 'b', reason: 'crc' }] })).toMatchObject({ complete: false, verified: true, corrupt_pods: [{ pod: 'b', reason: 'crc' }] });
    expect(decideGate('r', 2, ['a', 'b'], { corrupt: [] })).toMatchObject({ complete: true, verified: true, corrupt_pods: [] });
  });
});
