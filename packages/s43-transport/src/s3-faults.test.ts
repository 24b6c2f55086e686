import { startMotoServer } from '@repro/test-services';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { collectEvents } from '../test/collect-events.js';
import { type FaultProxy, startFaultProxy } from '../test/fault-proxy.js';
import { freshBucket, testS3Store } from '../test/moto-s3.js';
import { npyArray } from './npy-array.js';
import { backoffDelayMs, DEFAULT_RETRY_POLICY, isRetryableS3Error, withRetries } from './s3-retry.js';
import { S43Transport } from './s43-transport.js';
import { StoreUnavailableError } from './store-errors.js';

const moto = await startMotoServer();
let proxy: FaultProxy;
beforeAll(async () => {
  if (moto !== null) proxy = await startFaultProxy(moto.endpoint);
});
beforeEach(() => proxy?.reset());
afterAll(async () => {
  await proxy?.close();
  await moto?.stop();
});

const pods = Array.from({ length: 16 }, (_, k) => `pod-${String(k).padStart(2, '0')}`);
const arraysFor = (k: number) => ({ preds: npyArray(Float32Array.from({ length: 256 }, (_, i) => k * 1000 + i), [16, 16]) });
const isPut = (r: { method: string }) => r.method === 'PUT';
const isGet = (r: { method: string; path: string }) => r.method === 'GET' && r.path.includes('.npz') && !r.path.includes('list-type');
const isList = (r: { method: string; path: string }) => r.method === 'GET' && r.path.includes('list-type=2');

describe.skipIf(moto === null)('S3 faults through a loopback proxy (503 SlowDown, 500, dropped connections)', () => {
  const transport = async (emit = collectEvents().emit) => {
    const bucket = await freshBucket(moto!.endpoint, 'f');
    return new S43Transport({ store: testS3Store(proxy.endpoint, bucket, { pageSize: 5 }), emit });
  };

  it('a 16-pod cohort persists and is acquired complete despite injected faults on puts, list pages and gets', async () => {
    const { events, emit } = collectEvents();
    const t = await transport(emit);
    const before = { ...proxy.injected };
    proxy.inject({ match: isPut, faults: ['slowdown', 'internal', 'pass', 'drop', 'pass', 'slowdown', 'pass', 'drop_after_forward', 'pass', 'internal'] });
    for (const [k, pod] of pods.entries()) await t.persist('run-f', pod, arraysFor(k));
    // 16 pods at 5 keys per page: the first page and a later one (continuation token) both fail before they succeed
    proxy.inject({ match: (r) => isList(r) && !r.path.includes('continuation-token'), faults: ['slowdown', 'drop'] });
    proxy.inject({ match: (r) => isList(r) && r.path.includes('continuation-token'), faults: ['pass', 'internal', 'drop_after_forward'] });
    proxy.inject({ match: isGet, faults: ['internal', 'drop', 'pass', 'slowdown', 'pass', 'drop_after_forward'] });
    const got = await t.acquire('run-f');
    expect(got.failures).toEqual([]);
    expect(got.cohort.map((c) => c.pod)).toEqual(pods);
    expect(got.cohort.map((c) => (c.arrays[0]!.array.data as Float32Array)[0])).toEqual(pods.map((_, k) => k * 1000));
    const injected = Object.fromEntries(Object.entries(proxy.injected).map(([k, v]) => [k, v - before[k as keyof typeof before]]));
    expect(injected).toEqual({ pass: 0, slowdown: 4, internal: 4, drop: 3, drop_after_forward: 3 });
    expect(events).toEqual([{ event: 's43_acquire_outcome', severity: 'info', run_id: 'run-f', keys: 16, loaded: 16, failed: 0, skipped_members: 0 }]);
  });

  it('bodies go up as plain Buffers (never aws-chunked), with our sha256 metadata and If-None-Match on create-only writes', async () => {
    const t = await transport();
    const from = proxy.seen.length;
    const persisted = await t.persist('run-b', 'pod-00', arraysFor(0));
    await t.gate('run-b', 1);
    const puts = proxy.seen.slice(from).filter(isPut);
    expect(puts.map((r) => r.path.split('?')[0]!.split('/').slice(2).join('/'))).toEqual(['s43-predictions/run-b/pod-00.npz', 's43-predictions/run-b/_gate.json']);
    for (const put of puts) {
      expect(put.headers['content-encoding'] ?? '', put.path).not.toContain('aws-chunked');
      expect(String(put.headers['x-amz-content-sha256'] ?? ''), put.path).not.toMatch(/^STREAMING-/);
      expect(put.headers['x-amz-decoded-content-length'], put.path).toBeUndefined();
      expect(Number(put.headers['content-length']), put.path).toBe(put.bodyBytes);
    }
    expect(puts[0]!.bodyBytes).toBe(persisted.bytes);
    expect(puts[0]!.headers['x-amz-meta-sha256']).toBe(persisted.sha256);
    expect(puts[0]!.headers['if-none-match']).toBe('*');
    expect(puts[1]!.headers['if-none-match']).toBeUndefined(); // the gate result is replaced on every gate
  });

  it('a put whose response was lost (stored, then connection dropped) is recognised on retry as the same content', async () => {
    const t = await transport();
    proxy.inject({ match: isPut, faults: ['drop_after_forward'] });
    const result = await t.persist('run-l', 'pod-00', arraysFor(0));
    expect(result.created).toBe(false); // the retry met If-None-Match: * and found our own bytes
    expect((await t.acquire('run-l')).cohort).toHaveLength(1);
  });

  it('a blob that keeps failing past the retry budget is a listed failure, never a silently smaller cohort', async () => {
    const { events, emit } = collectEvents();
    const t = await transport(emit);
    for (const [k, pod] of pods.entries()) await t.persist('run-x', pod, arraysFor(k));
    proxy.inject({ match: (r) => isGet(r) && r.path.includes('/pod-07.npz'), faults: ['slowdown', 'internal', 'drop', 'slowdown'] });
    const got = await t.acquire('run-x');
    expect(got.cohort).toHaveLength(15);
    expect(got.failures).toEqual([{ pod: 'pod-07', key: 's43-predictions/run-x/pod-07.npz', reason: expect.stringContaining('StoreUnavailableError') }]);
    expect(events.at(-1)).toEqual({ event: 's43_acquire_outcome', severity: 'error', run_id: 'run-x', keys: 16, loaded: 15, failed: 1, skipped_members: 0 });
  });

  it('a listing that keeps failing makes acquire and gate throw, not report an empty or partial cohort', async () => {
    const t = await transport();
    await t.persist('run-y', 'pod-00', arraysFor(0));
    proxy.inject({ match: isList, faults: ['internal', 'internal', 'internal', 'internal'] });
    await expect(t.acquire('run-y')).rejects.toBeInstanceOf(StoreUnavailableError);
    proxy.inject({ match: isList, faults: ['drop', 'drop', 'drop', 'drop'] });
    await expect(t.gate('run-y', 1)).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it('a persist that keeps failing throws loudly and emits s43_pred_persist_failed', async () => {
    const { events, emit } = collectEvents();
    const t = await transport(emit);
    proxy.inject({ match: isPut, faults: ['slowdown', 'slowdown', 'slowdown', 'slowdown'] });
    await expect(t.persist('run-z', 'pod-00', arraysFor(0))).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(events).toEqual([expect.objectContaining({ event: 's43_pred_persist_failed', run_id: 'run-z', pod: 'pod-00', reason: expect.stringContaining('SlowDown') })]);
  });
});

describe('retry policy (pure)', () => {
  it('retries 5xx, SlowDown/throttling, timeouts and connection resets; not 4xx', () => {
    expect(isRetryableS3Error({ name: 'SlowDown', $metadata: { httpStatusCode: 503 } })).toBe(true);
    expect(isRetryableS3Error({ name: 'InternalError', $metadata: { httpStatusCode: 500 } })).toBe(true);
    expect(isRetryableS3Error({ name: 'Throttling', $metadata: { httpStatusCode: 400 } })).toBe(true);
    expect(isRetryableS3Error(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toBe(true);
    expect(isRetryableS3Error(new Error('wrapped', { cause: { code: 'EPIPE' } }))).toBe(true);
    expect(isRetryableS3Error({ name: 'NoSuchKey', $metadata: { httpStatusCode: 404 } })).toBe(false);
    expect(isRetryableS3Error({ name: 'PreconditionFailed', $metadata: { httpStatusCode: 412 } })).toBe(false);
    expect(isRetryableS3Error({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } })).toBe(false);
  });
  it('backoff doubles per attempt, is capped, and jitters within [ceiling/2, ceiling]', () => {
    const p = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 500 };
    expect([1, 2, 3, 4].map((a) => backoffDelayMs(a, p, 0))).toEqual([50, 100, 200, 250]);
    expect([1, 2, 3, 4].map((a) => backoffDelayMs(a, p, 1))).toEqual([100, 200, 400, 500]);
  });
  it('withRetries stops at maxAttempts with StoreUnavailableError and does not retry a non-retryable error', async () => {
    let calls = 0;
    const sleeps: number[] = [];
    const hooks = { sleep: async (ms: number) => void sleeps.push(ms), random: () => 0 };
    const failing = withRetries('get', 'k', async () => {
      calls += 1;
      throw { name: 'SlowDown', $metadata: { httpStatusCode: 503 } };
    }, DEFAULT_RETRY_POLICY, hooks);
    await expect(failing).rejects.toMatchObject({ name: 'StoreUnavailableError', attempts: 5 });
    expect(calls).toBe(5);
    expect(sleeps).toEqual([50, 100, 200, 400]);
    calls = 0;
    await expect(withRetries('get', 'k', async () => {
      calls += 1;
      throw { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } };
    }, DEFAULT_RETRY_POLICY, hooks)).rejects.toMatchObject({ name: 'AccessDenied' });
    expect(calls).toBe(1);
  });
});
