import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freshEmbeddedDir } from '../test/embedded-template.js';
import { spawnStoreChild } from '../test/fixtures/spawn-store-child.js';
import { EmbeddedStoreBusyError, embeddedLayout, openCanonicalStore, type StoreEvent } from './index.js';

const cleanups: (() => void)[] = [];
afterAll(() => {
  for (const cleanup of cleanups.reverse()) cleanup();
});

async function embeddedDir(): Promise<string> {
  const { dir, remove } = await freshEmbeddedDir();
  cleanups.push(remove);
  return dir;
}

/** Opens and closes the store, returning the events it emitted on the way. */
async function openOnce(dataDir: string, lockTimeoutMs?: number): Promise<StoreEvent[]> {
  const events: StoreEvent[] = [];
  const store = await openCanonicalStore({
    connection: { kind: 'pglite', dataDir, ...(lockTimeoutMs === undefined ? {} : { lockTimeoutMs }) },
    emit: (event) => events.push(event),
  });
  await store.close();
  return events;
}

/** A process of another program (not Node, not Repro), alive until killed. */
function otherProgram(): number {
  const child = spawn('sleep', ['120'], { stdio: 'ignore' });
  cleanups.push(() => child.kill('SIGKILL'));
  return child.pid!;
}

const takeovers = (events: StoreEvent[]) => events.filter((e) => e.event === 'store_lock_taken_over');

describe('the embedded store lock recovers from every crash point', () => {
  it('kill -9 of a process holding the store: the next opener takes the lock over with a warning naming the file', { timeout: 120_000 }, async () => {
    const dataDir = await embeddedDir();
    const { lockFile } = embeddedLayout(dataDir);
    const holder = spawnStoreChild({ connection: { kind: 'pglite', dataDir }, schema: 'repro', action: 'migrate' });
    await holder.waitFor((m) => m.ready === true);
    expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toMatchObject({ pid: holder.process.pid, host: hostname() });
    holder.process.kill('SIGKILL');
    expect((await holder.exited).signal).toBe('SIGKILL');
    const events = await openOnce(dataDir);
    expect(takeovers(events)).toEqual([{ event: 'store_lock_taken_over', severity: 'warning', file: lockFile, reason: 'owner_dead', previous_pid: holder.process.pid }]);
    expect(existsSync(lockFile)).toBe(false);
  });

  it('kill -9 between writing the lock and linking it in place: no lock is left, the next opener gets in without a takeover', { timeout: 60_000 }, async () => {
    const dataDir = await embeddedDir();
    const { lockFile } = embeddedLayout(dataDir);
    // The writer's state at that instant: its private temporary file written and synced, no lock file yet.
    const writer = spawn(process.execPath, ['-e', `require('node:fs').writeFileSync(process.argv[1] + '.' + process.pid + '.00000000.tmp', JSON.stringify({ pid: process.pid, host: require('node:os').hostname() })); setInterval(() => {}, 1000)`, lockFile], { stdio: 'ignore' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    while (!readdirSync(dirname(lockFile)).some((f) => f.endsWith('.tmp'))) await new Promise((resolve) => setTimeout(resolve, 50));
    writer.kill('SIGKILL');
    await new Promise((resolve) => writer.once('close', resolve));
    expect(existsSync(lockFile)).toBe(false);
    expect(takeovers(await openOnce(dataDir))).toEqual([]);
    // the dead writer's temporary file is cleaned up by the next holder
    expect(readdirSync(dirname(lockFile)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('an empty lock file (a writer of an earlier version killed between create and write) is taken over as unreadable', { timeout: 60_000 }, async () => {
    const dataDir = await embeddedDir();
    const { lockFile } = embeddedLayout(dataDir);
    writeFileSync(lockFile, '');
    expect(takeovers(await openOnce(dataDir))).toEqual([{ event: 'store_lock_taken_over', severity: 'warning', file: lockFile, reason: 'unreadable', previous_pid: null }]);
  });

  it('a lock naming a live pid of another program (a reused pid) is taken over', { timeout: 60_000 }, async () => {
    const dataDir = await embeddedDir();
    const { lockFile } = embeddedLayout(dataDir);
    const pid = otherProgram();
    // an earlier version's lock (no start time): the live pid runs `sleep`, not Node
    writeFileSync(lockFile, JSON.stringify({ pid, host: hostname() }));
    expect(takeovers(await openOnce(dataDir))).toEqual([{ event: 'store_lock_taken_over', severity: 'warning', file: lockFile, reason: 'not_repro_process', previous_pid: pid }]);
    // this version's lock: the recorded start time is not the live process's
    writeFileSync(lockFile, JSON.stringify({ pid, host: hostname(), process_start: 1, command: 'node repro' }));
    expect(takeovers(await openOnce(dataDir))).toEqual([{ event: 'store_lock_taken_over', severity: 'warning', file: lockFile, reason: 'pid_reused', previous_pid: pid }]);
  });

  it('a lock held by a live Repro process fails fast, naming the pid, its command and what to do', { timeout: 120_000 }, async () => {
    const dataDir = await embeddedDir();
    const holder = spawnStoreChild({ connection: { kind: 'pglite', dataDir }, schema: 'repro', action: 'migrate' });
    cleanups.push(() => holder.process.kill('SIGKILL'));
    await holder.waitFor((m) => m.ready === true);
    const failure = await openOnce(dataDir).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(EmbeddedStoreBusyError);
    const busy = failure as EmbeddedStoreBusyError;
    expect(busy.holderPid).toBe(holder.process.pid);
    expect(busy.holderCommand).toContain('store-child');
    expect(busy.message).toContain(`kill ${holder.process.pid}`);
    expect(busy.message).toContain('PostgreSQL');
    holder.go();
    expect((await holder.exited).code).toBe(0);
  });

  it('a lock from another host is never broken (its process cannot be checked)', { timeout: 60_000 }, async () => {
    const dataDir = await embeddedDir();
    const { lockFile } = embeddedLayout(dataDir);
    const lock = JSON.stringify({ pid: 1, host: `not-${hostname()}`, process_start: 1, command: 'node repro' });
    writeFileSync(lockFile, lock);
    const failure = await openOnce(dataDir, 200).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(EmbeddedStoreBusyError);
    expect(readFileSync(lockFile, 'utf8')).toBe(lock);
  });
});
