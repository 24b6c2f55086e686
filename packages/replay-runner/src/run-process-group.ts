import { type ChildProcess, spawn } from 'node:child_process';
import { startOrphanWatchdog } from './orphan-watchdog.js';
import { type CapturedOutput, OutputTail } from './output-tail.js';
import { isProcessGroupAlive, terminateProcessGroup } from './process-group.js';

export interface ProcessGroupRun {
  /** argv; no shell. */
  readonly command: readonly string[];
  readonly cwd?: string;
  /** The child's whole environment. */
  readonly env: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  /** SIGTERM → SIGKILL grace. */
  readonly killGraceMs: number;
  /** Bytes of stdout and of stderr kept (the tail). */
  readonly maxOutputBytes: number;
  readonly signal?: AbortSignal;
  /** Called once the process exists. */
  readonly onSpawn?: (pid: number) => void;
  /** Removed by the orphan watchdog if this process dies while the group runs (the replay's temp folder). */
  readonly cleanupDir?: string;
}

export interface ProcessGroupResult {
  /** Process id = process group id; null when the process could not be created. */
  readonly pid: number | null;
  /** The OS error when the process could not be created. */
  readonly spawnError: { readonly code?: string; readonly message: string } | null;
  readonly exitCode: number | null;
  readonly signal: string | null;
  /** Set when the runner killed the group: the timeout expired, or the caller aborted. */
  readonly stoppedBy: 'timeout' | 'abort' | null;
  readonly stdout: CapturedOutput;
  readonly stderr: CapturedOutput;
  /** Processes of the group still alive after the child exited, which were then killed. */
  readonly strayProcessesKilled: boolean;
}

/**
 * Spawns `command` as a fresh process leading its own process group, captures the tails of its output,
 * and resolves once the child has exited AND no live process is left in its group: on timeout or abort
 * the group gets SIGTERM, then SIGKILL after `killGraceMs`; processes left behind after a clean exit are
 * killed the same way. Never rejects for a failing child.
 */
export async function runProcessGroup(run: ProcessGroupRun): Promise<ProcessGroupResult> {
  const stdout = new OutputTail(run.maxOutputBytes);
  const stderr = new OutputTail(run.maxOutputBytes);
  const child = spawn(run.command[0]!, run.command.slice(1), {
    ...(run.cwd !== undefined ? { cwd: run.cwd } : {}),
    env: run.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const started = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
    child.once('spawn', () => resolve(null));
    child.once('error', (error) => resolve(error));
  });
  if (started !== null || child.pid === undefined) {
    const error = started ?? ({ message: 'the process got no pid' } as NodeJS.ErrnoException);
    return {
      pid: null,
      spawnError: { message: error.message, ...(error.code ? { code: error.code } : {}) },
      exitCode: null,
      signal: null,
      stoppedBy: null,
      stdout: stdout.snapshot(),
      stderr: stderr.snapshot(),
      strayProcessesKilled: false,
    };
  }
  const pid = child.pid;
  // If this process is killed (kill -9) while the group runs, the watchdog kills the group and cleans up.
  const watchdog = startOrphanWatchdog({ pgid: pid, graceMs: run.killGraceMs, ...(run.cleanupDir === undefined ? {} : { cleanupDir: run.cleanupDir }) });
  run.onSpawn?.(pid);
  child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
  const streamsClosed = Promise.all([streamClosed(child.stdout), streamClosed(child.stderr)]);
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });

  // Mutated from timer/abort callbacks: an object, so control-flow narrowing does not go stale.
  const stopping: { by: 'timeout' | 'abort' | null; termination: Promise<unknown> | null } = { by: null, termination: null };
  const stop = (by: 'timeout' | 'abort') => {
    if (stopping.by !== null || child.exitCode !== null || child.signalCode !== null) return;
    stopping.by = by;
    stopping.termination = terminateProcessGroup(pid, run.killGraceMs);
  };
  const timer = setTimeout(() => stop('timeout'), run.timeoutMs);
  const onAbort = () => stop('abort');
  run.signal?.addEventListener('abort', onAbort, { once: true });
  if (run.signal?.aborted) stop('abort'); // aborted while the process was being created

  const exit = await exited;
  clearTimeout(timer);
  run.signal?.removeEventListener('abort', onAbort);
  let strayProcessesKilled = false;
  if (stopping.termination !== null) {
    await stopping.termination;
  } else if (isProcessGroupAlive(pid)) {
    // The child exited but left processes in its group (e.g. a daemonised grandchild): none may outlive it.
    strayProcessesKilled = true;
    await terminateProcessGroup(pid, run.killGraceMs);
  }
  watchdog.stop();
  await closeStreams(child, streamsClosed);
  return {
    pid,
    spawnError: null,
    exitCode: exit.code,
    signal: exit.signal,
    stoppedBy: stopping.by,
    stdout: stdout.snapshot(),
    stderr: stderr.snapshot(),
    strayProcessesKilled,
  };
}

function streamClosed(stream: NodeJS.ReadableStream | null): Promise<void> {
  if (stream === null) return Promise.resolve();
  return new Promise((resolve) => {
    stream.once('close', () => resolve());
    stream.once('error', () => resolve());
  });
}

/** Waits for stdout/stderr to drain; a process that left the group (setsid) may hold them open, so bound the wait. */
async function closeStreams(child: ChildProcess, closed: Promise<unknown>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const bounded = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, 1_000);
  });
  await Promise.race([closed, bounded]);
  clearTimeout(timer);
  child.stdout?.destroy();
  child.stderr?.destroy();
}
