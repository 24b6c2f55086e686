import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createS3Client } from './s3-client-settings.js';
import { S3Store } from './s3-store.js';
import { StoreAbortedError, StoreRequestError, StoreTimeoutError, StoreUnavailableError } from './store-errors.js';

/**
 * Hostile S3 endpoints on 127.0.0.1 (issue 17 item 1): one that accepts connections and never answers, one
 * that resets every connection, one that answers a listing with a corrupt body. Every store call must end
 * in a typed store error within its deadline; each test's own time limit is the bound (no timing asserts).
 */
const servers: Server[] = [];
const sockets = new Set<Socket>();
afterEach(async () => {
  for (const s of sockets) s.destroy();
  sockets.clear();
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function endpoint(onRequest: RequestListener | null, onConnection?: (socket: Socket) => void): Promise<string> {
  const server = createServer(onRequest ?? (() => undefined));
  server.on('connection', (socket) => {
    sockets.add(socket);
    onConnection?.(socket);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function store(url: string, timeouts: { requestMs: number; totalMs: number }, attempts = 3): S3Store {
  const client = createS3Client({ region: 'us-east-1', endpoint: url, credentials: { accessKeyId: 'k', secretAccessKey: 's' }, timeouts: { connectMs: 1000, requestMs: timeouts.requestMs } });
  return new S3Store({ client, bucket: 'b-test', totalTimeoutMs: timeouts.totalMs, retry: { maxAttempts: attempts, baseDelayMs: 10, maxDelayMs: 20 } });
}

const failure = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e);

describe('S3 calls against an endpoint that never answers', () => {
  it('the request time-out throws (the SDK alone would only warn): retried, then StoreUnavailableError (retryable)', { timeout: 15_000 }, async () => {
    const url = await endpoint(null);
    const error = await failure(store(url, { requestMs: 300, totalMs: 10_000 }, 2).list('s43-predictions/run/'));
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error).toMatchObject({ operation: 'list', attempts: 2, retryable: true });
  });

  it('the total deadline ends the call with StoreTimeoutError whatever the request time-out', { timeout: 15_000 }, async () => {
    const url = await endpoint(null);
    const s = store(url, { requestMs: 60_000, totalMs: 800 });
    for (const call of [() => s.list('p/'), () => s.get('p/a.npz'), () => s.put('p/a.npz', new Uint8Array(10)), () => s.head('p/a.npz')]) {
      const error = await failure(call());
      expect(error).toBeInstanceOf(StoreTimeoutError);
      expect(error).toMatchObject({ timeoutMs: 800, retryable: true });
    }
  });

  it("the caller's AbortSignal ends the call at once with StoreAbortedError (not retryable)", { timeout: 15_000 }, async () => {
    const url = await endpoint(null);
    const controller = new AbortController();
    const pending = failure(store(url, { requestMs: 60_000, totalMs: 60_000 }).get('p/a.npz', { signal: controller.signal }));
    setTimeout(() => controller.abort(new Error('job cancelled')), 100);
    const error = await pending;
    expect(error).toBeInstanceOf(StoreAbortedError);
    expect(error).toMatchObject({ operation: 'get', retryable: false });
  });
});

describe('S3 calls against an endpoint that resets every connection', () => {
  it('every operation retries the reset and ends in StoreUnavailableError (retryable) within its deadline', { timeout: 15_000 }, async () => {
    const url = await endpoint(null, (socket) => socket.resetAndDestroy());
    const s = store(url, { requestMs: 2000, totalMs: 8000 });
    for (const call of [() => s.list('p/'), () => s.get('p/a.npz'), () => s.put('p/a.npz', new Uint8Array(10)), () => s.delete('p/a.npz')]) {
      const error = await failure(call());
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect(error).toMatchObject({ attempts: 3, retryable: true });
    }
  });
});

describe('S3 responses the SDK cannot parse', () => {
  it('a corrupt listing body is a typed StoreRequestError naming the operation (never a raw SDK XML error)', { timeout: 15_000 }, async () => {
    const url = await endpoint((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/xml' });
      res.end('<?xml version="1.0"?><ListBucketResult><Contents><Key>a</Ke'); // one flipped byte short of valid
    });
    const error = await failure(store(url, { requestMs: 2000, totalMs: 8000 }).list('p/'));
    expect(error).toBeInstanceOf(StoreRequestError);
    expect(error).toMatchObject({ operation: 'list', key: 'p/', status: 200 });
    expect(typeof (error as StoreRequestError).retryable).toBe('boolean');
  });

  it('an access-denied answer is a StoreRequestError with its status, not retryable', { timeout: 15_000 }, async () => {
    const url = await endpoint((_req, res) => {
      res.writeHead(403, { 'content-type': 'application/xml' });
      res.end('<?xml version="1.0"?><Error><Code>AccessDenied</Code><Message>no</Message></Error>');
    });
    const error = await failure(store(url, { requestMs: 2000, totalMs: 8000 }).list('p/'));
    expect(error).toBeInstanceOf(StoreRequestError);
    expect(error).toMatchObject({ status: 403, retryable: false });
  });
});
