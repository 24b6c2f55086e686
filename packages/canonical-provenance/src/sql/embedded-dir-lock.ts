import { link, open, readFile, rename, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { EmbeddedStoreBusyError } from '../store-errors.js';

interface LockOwner {
  readonly pid: number;
  readonly host: string;
}

export interface DirectoryLock {
  release(): Promise<void>;
}

function parseOwner(text: string): LockOwner | null {
  try {
    const owner = JSON.parse(text) as Partial<LockOwner>;
    return typeof owner.pid === 'number' && typeof owner.host === 'string' ? { pid: owner.pid, host: owner.host } : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readText(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Takes over a lock file left by a dead process on this host. The file is first renamed to a name of our
 * own (only one contender's rename can succeed), then checked to still be the dead owner's; a live
 * owner's file taken by mistake (it re-locked in between) is linked back.
 */
async function breakStaleLock(path: string, staleText: string): Promise<void> {
  const aside = `${path}.stale-${process.pid}-${Date.now()}`;
  try {
    await rename(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const taken = await readText(aside);
  if (taken !== staleText) await link(aside, path).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
}

/**
 * An exclusive lock on the embedded data directory across processes (PGlite is single-process): a
 * lock file created with O_EXCL holding `{pid, host}`. A holder that died is detected (same host, no
 * such pid) and its lock taken over; a live holder is waited for up to `timeoutMs`, then
 * EmbeddedStoreBusyError. A lock from another host is never broken.
 */
export async function acquireDirectoryLock(path: string, options: { readonly timeoutMs: number; readonly where: string }): Promise<DirectoryLock> {
  const me = JSON.stringify({ pid: process.pid, host: hostname() });
  const started = Date.now();
  let delay = 20;
  for (;;) {
    try {
      const handle = await open(path, 'wx');
      try {
        await handle.writeFile(me, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      return {
        async release() {
          if ((await readText(path)) === me) await unlink(path).catch(() => undefined);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const text = await readText(path);
    if (text === null) continue;
    const owner = parseOwner(text);
    // An unreadable lock is a writer caught between create and write: wait for it like a live one.
    if (owner !== null && owner.host === hostname() && !isAlive(owner.pid)) {
      await breakStaleLock(path, text);
      continue;
    }
    const waited = Date.now() - started;
    if (waited >= options.timeoutMs) throw new EmbeddedStoreBusyError(options.where, owner?.pid ?? null, waited);
    await new Promise((resolve) => setTimeout(resolve, Math.min(delay, options.timeoutMs - waited)));
    delay = Math.min(delay * 2, 250);
  }
}
