import { existsSync, readFileSync } from 'node:fs';
import { createTestSchema, needPostgres } from '@repro/test-services';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { freshEmbeddedDir } from '../test/embedded-template.js';
import { spawnStoreChild, type StoreChild } from '../test/fixtures/spawn-store-child.js';
import { type CanonicalStore, EmbeddedStoreBusyError, embeddedLayout, openCanonicalStore, type StoreConnection } from './index.js';

const postgres = await needPostgres();
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

interface Target {
  readonly name: 'postgres' | 'pglite';
  readonly connection: StoreConnection;
  readonly schema: string;
}

/** A database several processes can open: a fresh schema on PostgreSQL, or a fresh embedded directory. */
async function newTarget(name: Target['name']): Promise<Target> {
  if (name === 'postgres') {
    const schema = await createTestSchema('cpx');
    cleanups.push(() => schema.drop());
    return { name, connection: { kind: 'postgres', url: schema.url }, schema: schema.schema };
  }
  const { dir, remove } = await freshEmbeddedDir();
  cleanups.push(remove);
  // A generous lock wait: racing children queue for the directory behind PGlite's start-up on a busy machine.
  return { name, connection: { kind: 'pglite', dataDir: dir, lockTimeoutMs: 120_000 }, schema: 'repro' };
}

async function withStore<T>(target: Target, work: (store: CanonicalStore) => Promise<T>): Promise<T> {
  const store = await openCanonicalStore({ connection: target.connection, schema: target.schema });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** Rows of one of the store's tables, read with a raw connection of the test's own. */
async function countRows(target: Target, table: string): Promise<number> {
  const text = `select count(*)::int as n from "${target.schema}".${table}`;
  if (target.connection.kind === 'postgres') {
    const client = new pg.Client({ connectionString: target.connection.url });
    await client.connect();
    try {
      return (await client.query<{ n: number }>(text)).rows[0]!.n;
    } finally {
      await client.end();
    }
  }
  const db = await PGlite.create(embeddedLayout((target.connection as { dataDir: string }).dataDir).pgdata);
  try {
    return (await db.query<{ n: number }>(text)).rows[0]!.n;
  } finally {
    await db.close();
  }
}

function stopOnFailure(...children: StoreChild[]) {
  cleanups.push(() => {
    for (const child of children) if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGKILL');
  });
}

const backends: Target['name'][] = postgres === null ? ['pglite'] : ['postgres', 'pglite'];

describe.each(backends)('several processes on %s', (name) => {
  it('two processes migrating at once: one applies every migration, the other finds nothing to do, both succeed', { timeout: 90_000 }, async () => {
    const target = await newTarget(name);
    const spec = { connection: target.connection, schema: target.schema, action: 'migrate' };
    const order: string[] = [];
    const children = [spawnStoreChild(spec), spawnStoreChild(spec)];
    stopOnFailure(...children);
    if (name === 'postgres') {
      // both connected, then released together: the two migrations race for the advisory lock
      await Promise.all(children.map((child) => child.waitFor((m) => m.ready === true)));
      for (const child of children) child.go();
    } else {
      // PGlite is single-process: the second waits at open for the directory lock, then finds nothing to do
      children.forEach((child, i) => {
        void child.waitFor((m) => m.ready === true).then(() => {
          order.push(`ready ${i}`);
          child.go();
        });
        void child.waitFor((m) => 'done' in m).then(() => order.push(`done ${i}`));
      });
    }
    const exits = await Promise.all(children.map((child) => child.exited));
    for (const exit of exits) expect(exit, exit.stderr).toMatchObject({ code: 0 });
    const applied = children.map((child) => (child.messages.find((m) => 'done' in m)!.done as { applied: number[] }).applied);
    expect(applied.sort((a, b) => b.length - a.length)).toEqual([[1, 2, 3, 4], []]);
    if (name === 'pglite') expect(order.indexOf('done 0') < order.indexOf('ready 1') || order.indexOf('done 1') < order.indexOf('ready 0')).toBe(true);
    const status = await withStore(target, (store) => store.migrationStatus());
    expect(status.applied.map((m) => m.version)).toEqual([1, 2, 3, 4]);
    expect(status.pending).toEqual([]);
  });

  it('a writer killed in the middle of its record-and-promote loop leaves no half-written promotion', { timeout: 90_000 }, async () => {
    const target = await newTarget(name);
    await withStore(target, (store) => store.migrate());
    const child = spawnStoreChild({ connection: target.connection, schema: target.schema, action: 'promote-loop', cell: 'c', metric: 'm' });
    stopOnFailure(child);
    await child.waitFor((m) => m.ready === true);
    child.go();
    await child.waitFor((m) => typeof m.progress === 'number' && m.progress >= 10);
    child.process.kill('SIGKILL');
    const exit = await child.exited;
    expect(exit.signal).toBe('SIGKILL');
    const reported = Math.max(...child.messages.map((m) => (typeof m.progress === 'number' ? m.progress : 0)));

    if (name === 'pglite') {
      // the dead writer's lock is still there, and is taken over on the next open
      const lock = embeddedLayout((target.connection as { dataDir: string }).dataDir).lockFile;
      expect(existsSync(lock)).toBe(true);
      expect(JSON.parse(readFileSync(lock, 'utf8')).pid).toBe(child.process.pid);
    }
    await withStore(target, async (store) => {
      const history = await store.canonicalHistory('c', 'm');
      const committed = history.length;
      // every committed iteration is there, at most the one in flight more, and each run has its promotion
      expect(committed).toBeGreaterThanOrEqual(reported);
      expect(committed).toBeLessThanOrEqual(reported + 1);
      expect(history.map((h) => h.run_id)).toEqual(Array.from({ length: committed }, (_, i) => `loop-${committed - i}`));
      expect(history.filter((h) => h.demoted_at === null).map((h) => h.run_id)).toEqual([`loop-${committed}`]);
      expect(await store.getCanonical('c', 'm')).toEqual({
        present: true,
        run_id: `loop-${committed}`,
        value: committed,
        provenance: { build_sha: `b${committed}`, instance_type: null, feature_versions: null, artifact_versions: null, os: null, lib_versions: { n: String(committed) } },
      });
    });
    // no run without its promotion: the run insert, the demotion and the promotion are one transaction
    expect(await countRows(target, 'canonical_runs')).toBe(await countRows(target, 'canonical_promotions'));
  });
});

describe.skipIf(postgres === null)('a writer killed while its transaction is open (PostgreSQL)', () => {
  it('has written its run and is blocked demoting the old canonical when killed: nothing of it is left', { timeout: 90_000 }, async () => {
    const target = await newTarget('postgres');
    await withStore(target, async (store) => {
      await store.migrate();
      await store.recordCanonical({ run_id: 'old', cell: 'c', metric: 'm', value: 1 }, { promote: true });
    });
    const blocker = new pg.Client({ connectionString: postgres!.url });
    // pg_stat_activity is read from outside the blocker's transaction (inside one it is a cached snapshot)
    const monitor = new pg.Client({ connectionString: postgres!.url });
    await blocker.connect();
    await monitor.connect();
    cleanups.push(() => blocker.end(), () => monitor.end());
    // hold the current promotion's row: the writer's demote UPDATE will wait on it, mid-transaction
    await blocker.query('begin');
    await blocker.query(`select * from "${target.schema}".canonical_promotions where demoted_at is null for update`);

    const child = spawnStoreChild({ connection: target.connection, schema: target.schema, action: 'record-promote', cell: 'c', metric: 'm', runId: 'new' });
    stopOnFailure(child);
    await child.waitFor((m) => m.ready === true);
    child.go();
    let waiting: { pid: number; backend_xid: string | null } | undefined;
    for (let i = 0; i < 400 && waiting === undefined; i += 1) {
      const rows = await monitor.query<{ pid: number; backend_xid: string | null }>(
        "select pid, backend_xid::text from pg_stat_activity where wait_event_type = 'Lock' and query like $1",
        [`%"${target.schema}".canonical_promotions set demoted_at%`],
      );
      waiting = rows.rows[0];
      if (waiting === undefined) await new Promise((r) => setTimeout(r, 50));
    }
    expect(waiting, 'the writer never blocked on the demote').toBeDefined();
    // a transaction id is assigned: the writer has already inserted its run in this transaction
    expect(waiting!.backend_xid).not.toBeNull();

    child.process.kill('SIGKILL');
    expect((await child.exited).signal).toBe('SIGKILL');
    await blocker.query('rollback');
    for (let i = 0; i < 400; i += 1) {
      const alive = await monitor.query('select 1 from pg_stat_activity where pid = $1', [waiting!.pid]);
      if (alive.rowCount === 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const runs = await blocker.query(`select run_id from "${target.schema}".canonical_runs order by run_id`);
    expect(runs.rows).toEqual([{ run_id: 'old' }]);
    await withStore(target, async (store) => {
      expect(await store.getCanonical('c', 'm')).toMatchObject({ present: true, run_id: 'old' });
      expect(await store.canonicalHistory('c', 'm')).toHaveLength(1);
    });
  });
});

describe('the embedded store is one process at a time', () => {
  it('a second opener waits for the directory lock and gives up with EmbeddedStoreBusyError naming the holder', { timeout: 60_000 }, async () => {
    const target = await newTarget('pglite');
    const holder = await openCanonicalStore({ connection: target.connection });
    try {
      const dataDir = (target.connection as { dataDir: string }).dataDir;
      const second = await openCanonicalStore({ connection: { kind: 'pglite', dataDir, lockTimeoutMs: 300 } }).catch((e: unknown) => e);
      expect(second).toBeInstanceOf(EmbeddedStoreBusyError);
      expect(second).toMatchObject({ holderPid: process.pid, where: dataDir });
    } finally {
      await holder.close();
    }
    // released on close: the next opener gets in
    await withStore(target, async (store) => expect(store.backend).toBe('pglite'));
  });
});
