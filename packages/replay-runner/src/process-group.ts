import { readdirSync, readFileSync } from 'node:fs';

/**
 * True while any live (non-zombie) process is in the group. `kill(-pgid, 0)` alone also counts zombies,
 * which a container's init may never reap; on Linux, /proc tells them apart.
 */
export function isProcessGroupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return process.platform !== 'linux' || liveMembersFromProc(pgid) !== 0;
}

function liveMembersFromProc(pgid: number): number {
  let live = 0;
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return 1;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    // pid (comm) state ppid pgrp … — comm may contain spaces and parentheses: split after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) === pgid && fields[0] !== 'Z' && fields[0] !== 'X') live += 1;
  }
  return live;
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: already gone.
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function waitUntilGone(pgid: number, withinMs: number, pollMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    if (!isProcessGroupAlive(pgid)) return true;
    if (Date.now() >= deadline) return false;
    await sleep(pollMs);
  }
}

export interface TerminateResult {
  /** SIGKILL was needed (the group outlived SIGTERM + grace). */
  readonly killed: boolean;
  /** The group is gone (false only if processes survived SIGKILL, e.g. stuck in uninterruptible I/O). */
  readonly gone: boolean;
}

/**
 * SIGTERM to the whole group, SIGKILL after `graceMs`, and resolves once no member is left
 * (grandchildren included), or after `graceMs` more if some survive SIGKILL.
 */
export async function terminateProcessGroup(pgid: number, graceMs: number, pollMs = 25): Promise<TerminateResult> {
  if (!isProcessGroupAlive(pgid)) return { killed: false, gone: true };
  signalGroup(pgid, 'SIGTERM');
  if (await waitUntilGone(pgid, graceMs, pollMs)) return { killed: false, gone: true };
  signalGroup(pgid, 'SIGKILL');
  return { killed: true, gone: await waitUntilGone(pgid, Math.max(graceMs, 1000), pollMs) };
}
