import { randomBytes } from 'node:crypto';
import { link, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { EmbeddedStoreBusyError } from '../store-errors.js';
import { currentLockOwner, formatLockOwner, type LockOwner, parseLockOwner, type StaleLockReason, staleReason } from './lock-owner.js';
import { isProcessAlive } from './process-alive.js';

export interface DirectoryLock {
  release(): Promise<void>;
}

/** A stale lock the acquirer took over (reported by the store as a warning event naming the file). */
export interface LockTakeover {
  readonly file: string;
  readonly reason: StaleLockReason;
  readonly previousPid: number | null;
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
 * Creates the lock file with its whole content or not at all: the content is written and fsynced to a
 * private temporary file, which is then hard-linked to the lock's name (link fails if the name exists).
 * A crash at any point leaves either no lock or a complete one — never an empty lock file.
 */
async function createLockFile(path: string, content: string): Promise<boolean> {
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const handle = await open(temporary, 'wx');
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await link(temporary, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}

/**
 * Takes over a stale lock file. The file is first renamed to a name of our own (only one contender's
 * rename can succeed), then checked to still be the stale text; a live owner's file taken by mistake (it
 * re-locked in between) is linked back.
 */
async function breakStaleLock(path: string, staleText: string): Promise<boolean> {
  const aside = `${path}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await rename(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  const taken = await readText(aside);
  const ours = taken === staleText;
  if (!ours) await link(aside, path).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
  return ours;
}

/** Removes the temporary files of lock writers that died before linking them (see createLockFile). */
async function removeOrphanedTemporaries(path: string): Promise<void> {
  const prefix = `${basename(path)}.`;
  const names = await readdir(dirname(path)).catch(() => [] as string[]);
  for (const name of names) {
    const match = name.startsWith(prefix) ? /^(\d+)\.[0-9a-f]+\.tmp$/.exec(name.slice(prefix.length)) : null;
    if (match === null) continue;
    if (!isProcessAlive(Number(match[1]))) await unlink(join(dirname(path), name)).catch(() => undefined);
  }
}

async function whyStale(owner: LockOwner | null, host: string): Promise<StaleLockReason | null> {
  if (owner === null) return 'unreadable';
  // A lock from another host (a shared file system) is never broken: its process cannot be checked.
  if (owner.host !== host) return null;
  return staleReason(owner);
}

/**
 * An exclusive lock on the embedded data directory across processes (PGlite is single-process). The lock
 * file records `{pid, host, process_start, command}` and is created atomically. A lock whose owner is
 * dead, unreadable (empty or garbage: no Repro writer leaves one), a reused pid, or not a Repro process is
 * taken over and reported through `onTakeover`. A live Repro holder is waited for up to `timeoutMs`, then
 * EmbeddedStoreBusyError names its pid and command and what to do.
 */
export async function acquireDirectoryLock(
  path: string,
  options: { readonly timeoutMs: number; readonly where: string; readonly onTakeover?: (takeover: LockTakeover) => void },
): Promise<DirectoryLock> {
  const host = hostname();
  const me = formatLockOwner(await currentLockOwner(host));
  const started = Date.now();
  let delay = 20;
  for (;;) {
    if (await createLockFile(path, me)) {
      await removeOrphanedTemporaries(path);
      return {
        async release() {
          if ((await readText(path)) === me) await unlink(path).catch(() => undefined);
        },
      };
    }
    const text = await readText(path);
    if (text === null) continue;
    const owner = parseLockOwner(text);
    const reason = await whyStale(owner, host);
    if (reason !== null) {
      if (await breakStaleLock(path, text)) options.onTakeover?.({ file: path, reason, previousPid: owner?.pid ?? null });
      continue;
    }
    const waited = Date.now() - started;
    if (waited >= options.timeoutMs) throw new EmbeddedStoreBusyError(options.where, owner, waited, path);
    await new Promise((resolve) => setTimeout(resolve, Math.min(delay, options.timeoutMs - waited)));
    delay = Math.min(delay * 2, 250);
  }
}
