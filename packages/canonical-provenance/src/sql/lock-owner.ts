import { readFile } from 'node:fs/promises';
import { isProcessAlive } from './process-alive.js';

/** What a lock file of the embedded store records about the process holding it. */
export interface LockOwner {
  readonly pid: number;
  readonly host: string;
  /** The holder's start time in clock ticks since boot (`/proc/<pid>/stat` field 22); null where unknown. */
  readonly processStart: number | null;
  /** The holder's command line, to tell the user who holds the store. */
  readonly command: string;
}

/** Why a lock file is not (or no longer) held by a live Repro process. */
export type StaleLockReason = 'owner_dead' | 'unreadable' | 'pid_reused' | 'not_repro_process';

export function parseLockOwner(text: string): LockOwner | null {
  try {
    const raw = JSON.parse(text) as { pid?: unknown; host?: unknown; process_start?: unknown; command?: unknown };
    if (typeof raw.pid !== 'number' || !Number.isSafeInteger(raw.pid) || raw.pid <= 0 || typeof raw.host !== 'string') return null;
    return {
      pid: raw.pid,
      host: raw.host,
      processStart: typeof raw.process_start === 'number' ? raw.process_start : null,
      command: typeof raw.command === 'string' ? raw.command : '',
    };
  } catch {
    return null;
  }
}

export function formatLockOwner(owner: LockOwner): string {
  return JSON.stringify({ pid: owner.pid, host: owner.host, process_start: owner.processStart, command: owner.command });
}

/** The start time of process `pid` in clock ticks since boot, or null where /proc is not available. */
export async function processStartTicks(pid: number): Promise<number | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Field 2 (comm) may hold spaces and parentheses: the fields after it start past the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const start = Number(fields[19]);
    return Number.isFinite(start) ? start : null;
  } catch {
    return null;
  }
}

async function commandLine(pid: number): Promise<string | null> {
  try {
    return (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0').filter(Boolean).join(' ');
  } catch {
    return null;
  }
}

/** This process, as a lock file records it. */
export async function currentLockOwner(host: string): Promise<LockOwner> {
  return { pid: process.pid, host, processStart: await processStartTicks(process.pid), command: process.argv.join(' ').slice(0, 500) };
}

/**
 * Whether the recorded owner (on this host) still holds the lock: null when it does, else why not. A pid
 * that is alive but started at another time is a reused pid; a legacy lock without a start time whose
 * live pid runs something other than Node is not a Repro process.
 */
export async function staleReason(owner: LockOwner): Promise<StaleLockReason | null> {
  if (!isProcessAlive(owner.pid)) return 'owner_dead';
  const start = await processStartTicks(owner.pid);
  if (owner.processStart !== null && start !== null && start !== owner.processStart) return 'pid_reused';
  if (owner.processStart === null) {
    const command = await commandLine(owner.pid);
    if (command !== null && !/\bnode\b|node[^/\s]*$|repro/.test(command)) return 'not_repro_process';
  }
  return null;
}
