import { freePort, needPostgres } from '@repro/test-services';
import { describe, expect, it } from 'vitest';
import { startTcpProxy } from '../test/tcp-proxy.js';
import { openCanonicalStore, StoreInputError, StoreUnavailableError } from './index.js';

const postgres = await needPostgres();

async function openError(url: string): Promise<unknown> {
  return openCanonicalStore({ connection: { kind: 'postgres', url, connectTimeoutMs: 3000 } }).then(
    async (store) => {
      await store.close();
      return undefined;
    },
    (error: unknown) => error,
  );
}

describe('an unreachable or misconfigured PostgreSQL', () => {
  it('nothing listening: StoreUnavailableError naming host:port and "connection refused"', async () => {
    const port = await freePort();
    const error = await openError(`postgres://postgres:secret@127.0.0.1:${port}/test`);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error).toMatchObject({ where: `127.0.0.1:${port}` });
    expect((error as Error).message).toMatch(new RegExp(`^127\\.0\\.0\\.1:${port}: connection refused`));
    expect((error as Error).message).not.toContain('secret');
  });

  it('an unknown host: host not found', async () => {
    const error = await openError('postgres://postgres@no-such-host.invalid:5432/test');
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as Error).message).toMatch(/^no-such-host\.invalid:5432: (host not found|host name lookup failed)/);
  });

  it('a URL that is not postgres:// is bad input, not an outage', async () => {
    expect(await openError('mysql://root@127.0.0.1/db')).toMatchObject({ name: 'StoreInputError', field: 'url' });
    expect(await openError('not a url')).toBeInstanceOf(StoreInputError);
  });

  it.skipIf(postgres === null)('a database that does not exist on a live server: the server’s reason', async () => {
    const url = new URL(postgres!.url);
    url.pathname = '/no_such_database_repro';
    const error = await openError(url.toString());
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as Error).message).toMatch(/no_such_database_repro.*does not exist.*SQLSTATE 3D000/);
  });

  it.skipIf(postgres === null)('the server going away mid-session: the next call fails with StoreUnavailableError, not a crash', async () => {
    const upstream = new URL(postgres!.url);
    const proxy = await startTcpProxy({ host: upstream.hostname, port: Number(upstream.port || 5432) });
    const url = new URL(postgres!.url);
    url.host = `127.0.0.1:${proxy.port}`;
    const store = await openCanonicalStore({ connection: { kind: 'postgres', url: url.toString(), connectTimeoutMs: 3000 }, schema: 'repro_unavailable_probe' });
    try {
      expect((await store.migrationStatus()).applied).toEqual([]);
      await proxy.close();
      const error = await store.migrationStatus().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect((error as StoreUnavailableError).where).toBe(`127.0.0.1:${proxy.port}`);
    } finally {
      await store.close();
    }
  });
});

describe('deadlines on PostgreSQL: no call waits forever', () => {
  it('a server that accepts the connection and never answers: StoreUnavailableError once connectTimeoutMs has passed', async () => {
    const { createServer } = await import('node:net');
    const sockets: import('node:net').Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as import('node:net').AddressInfo).port;
    try {
      const error = await openCanonicalStore({ connection: { kind: 'postgres', url: `postgres://postgres@127.0.0.1:${port}/test`, connectTimeoutMs: 500 } }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect((error as StoreUnavailableError).where).toBe(`127.0.0.1:${port}`);
      expect(sockets.length).toBeGreaterThan(0);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it.skipIf(postgres === null)('a read stuck behind another session’s lock ends with StoreUnavailableError after lockTimeoutMs', async () => {
    const { createTestSchema } = await import('@repro/test-services');
    const { default: pg } = await import('pg');
    const schema = await createTestSchema('cpto');
    const store = await openCanonicalStore({ connection: { kind: 'postgres', url: schema.url, lockTimeoutMs: 300 }, schema: schema.schema });
    const blocker = new pg.Client({ connectionString: schema.url });
    await blocker.connect();
    try {
      await store.migrate();
      await blocker.query('begin');
      await blocker.query(`lock table "${schema.schema}".verdicts in access exclusive mode`);
      const error = await store.listVerdicts().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect((error as Error).message).toMatch(/lock wait timed out.*SQLSTATE 55P03/);
      await blocker.query('rollback');
      expect(await store.listVerdicts()).toEqual([]);
    } finally {
      await blocker.end();
      await store.close();
      await schema.drop();
    }
  });
});
