import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeChildHelperPath, pythonHelperDir } from './child-helper-paths.js';
import { classifyExit } from './classify-exit.js';
import { buildHermeticEnv, PROTOCOL_ENV } from './hermetic-env.js';
import { OutputTail } from './output-tail.js';
import { parseChildResult } from './parse-child-result.js';
import { DEFAULT_PIN, requestedKnobs } from './pinned-knobs.js';
import { isProcessGroupAlive, terminateProcessGroup } from './process-group.js';
import { ReplayAbortedError } from './replay-aborted-error.js';
import type { ReplayError } from './replay-error.js';
import type { ReplayEventSink } from './replay-events.js';
import type { ReplayOutcome } from './replay-outcome.js';
import {
  DEFAULT_MAX_OUTPUT_BYTES,
  DEFAULT_TIMEOUT_MS,
  MAX_KILL_GRACE_MS,
  type ReplaySpec,
  validateReplaySpec,
} from './replay-spec.js';

export interface RunReplayOptions {
  /** Names the replay in events and in the outcome (default `replay`). */
  readonly label?: string;
  /** Aborting kills the process group; the call then rejects with ReplayAbortedError once the group is gone. */
  readonly signal?: AbortSignal;
  /** Event sink (default: none). */
  readonly emit?: ReplayEventSink;
}

/**
 * Runs one replay in a fresh process (its own process group, hermetic env, pinned knobs) and returns
 * its outcome. Never throws for a failing child — the failure is classified in `outcome.error`.
 * @throws ReplaySpecError on a malformed spec; ReplayAbortedError when `signal` aborts.
 */
export async function runReplay(spec: ReplaySpec, options: RunReplayOptions = {}): Promise<ReplayOutcome> {
  validateReplaySpec(spec);
  const label = options.label ?? 'replay';
  const pin = spec.pin ?? DEFAULT_PIN;
  const knobs = requestedKnobs(pin);
  const emit = options.emit ?? (() => {});
  const signal = options.signal;
  if (signal?.aborted) throw new ReplayAbortedError(label, { cause: signal.reason });

  const dir = await mkdtemp(join(spec.workDir ?? tmpdir(), 'repro-replay-'));
  const resultFile = join(dir, 'result.json');
  const protocol: Record<string, string> = {
    [PROTOCOL_ENV.resultFile]: resultFile,
    [PROTOCOL_ENV.pinnedKnobs]: Object.keys(knobs).join(','),
    [PROTOCOL_ENV.nodeChild]: nodeChildHelperPath(),
  };
  if (spec.params !== undefined) {
    const paramsFile = join(dir, 'params.json');
    await writeFile(paramsFile, `${JSON.stringify(spec.params, null, 2)}\n`);
    protocol[PROTOCOL_ENV.paramsFile] = paramsFile;
  }
  const env = buildHermeticEnv({
    parentEnv: spec.parentEnv ?? process.env,
    passEnv: spec.passEnv ?? [],
    knobs,
    protocol,
    pythonPath: [pythonHelperDir()],
  });

  const timeoutMs = spec.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const graceMs = Math.min(spec.killGraceMs ?? MAX_KILL_GRACE_MS, MAX_KILL_GRACE_MS);
  const outputLimit = spec.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
  const stdout = new OutputTail(outputLimit);
  const stderr = new OutputTail(outputLimit);
  const startedAt = new Date();
  const t0 = performance.now();
  const base = {
    label,
    argv: [...spec.command],
    pinMode: pin.mode,
    requestedKnobs: knobs,
  } as const;

  const finish = async (outcome: ReplayOutcome): Promise<ReplayOutcome> => {
    if (!spec.keepFiles) await rm(dir, { recursive: true, force: true });
    if (outcome.ok) {
      emit({ event: 'replay_finished', label, pin_mode: pin.mode, duration_ms: outcome.durationMs, metrics: { ...outcome.metrics } });
    } else {
      emit({
        event: 'replay_failed',
        label,
        pin_mode: pin.mode,
        duration_ms: outcome.durationMs,
        kind: outcome.error.kind,
        message: outcome.error.message,
      });
    }
    return outcome;
  };

  const child = spawn(spec.command[0]!, spec.command.slice(1), {
    cwd: spec.cwd,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const started = await new Promise<{ ok: true } | { ok: false; error: NodeJS.ErrnoException }>((resolve) => {
    child.once('spawn', () => resolve({ ok: true }));
    child.once('error', (error) => resolve({ ok: false, error }));
  });
  if (!started.ok || child.pid === undefined) {
    const error = started.ok ? ({ message: 'no pid' } as NodeJS.ErrnoException) : started.error;
    const spawnError = { message: error.message, ...(error.code ? { code: error.code } : {}) };
    const classified = classifyExit({ command: spec.command, spawnError, exitCode: null, signal: null })!;
    return finish({
      ...base,
      ok: false,
      pid: null,
      exitCode: null,
      signal: null,
      startedAt: startedAt.toISOString(),
      durationMs: performance.now() - t0,
      stdout: stdout.snapshot(),
      stderr: stderr.snapshot(),
      strayProcessesKilled: false,
      filesDir: spec.keepFiles ? dir : null,
      metrics: null,
      fingerprint: null,
      error: classified,
    });
  }
  const pid = child.pid;
  emit({ event: 'replay_started', label, pin_mode: pin.mode, pid, argv: [...spec.command], knobs: { ...knobs } });

  child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
  const streamsClosed = Promise.all([streamClosed(child.stdout), streamClosed(child.stderr)]);
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => {
    child.once('exit', (code, sig) => resolve({ code, signal: sig }));
  });

  // Mutated from timer/abort callbacks: an object, so control-flow narrowing does not go stale.
  const stopping: { reason: 'timeout' | 'abort' | null; termination: Promise<unknown> | null } = {
    reason: null,
    termination: null,
  };
  const stop = (reason: 'timeout' | 'abort') => {
    if (stopping.reason !== null || child.exitCode !== null || child.signalCode !== null) return;
    stopping.reason = reason;
    stopping.termination = terminateProcessGroup(pid, graceMs);
  };
  const timer = setTimeout(() => stop('timeout'), timeoutMs);
  const onAbort = () => stop('abort');
  signal?.addEventListener('abort', onAbort, { once: true });

  const exit = await exited;
  clearTimeout(timer);
  signal?.removeEventListener('abort', onAbort);
  let strayProcessesKilled = false;
  if (stopping.termination !== null) {
    await stopping.termination;
  } else if (isProcessGroupAlive(pid)) {
    // The child exited but left processes in its group (e.g. a daemonised grandchild): none may outlive the replay.
    strayProcessesKilled = true;
    await terminateProcessGroup(pid, graceMs);
  }
  await closeStreams(child, streamsClosed);
  const durationMs = performance.now() - t0;

  if (stopping.reason === 'abort') {
    if (!spec.keepFiles) await rm(dir, { recursive: true, force: true });
    throw new ReplayAbortedError(label, { cause: signal?.reason });
  }

  const processFacts = {
    ...base,
    pid,
    exitCode: exit.code,
    signal: exit.signal,
    startedAt: startedAt.toISOString(),
    durationMs,
    stdout: stdout.snapshot(),
    stderr: stderr.snapshot(),
    strayProcessesKilled,
    filesDir: spec.keepFiles ? dir : null,
  };
  const exitError: ReplayError | null = classifyExit({
    command: spec.command,
    exitCode: exit.code,
    signal: exit.signal,
    ...(stopping.reason === 'timeout' ? { timeoutMs } : {}),
  });
  if (exitError !== null) {
    return finish({ ...processFacts, ok: false, metrics: null, fingerprint: null, error: exitError });
  }
  const text = await readFile(resultFile, 'utf8').catch(() => null);
  const parsed = parseChildResult(text, {
    requestedKnobs: knobs,
    ...(spec.requiredMetrics ? { requiredMetrics: spec.requiredMetrics } : {}),
  });
  if (!parsed.ok) {
    return finish({ ...processFacts, ok: false, metrics: parsed.metrics, fingerprint: parsed.fingerprint, error: parsed.error });
  }
  return finish({ ...processFacts, ok: true, metrics: parsed.metrics, fingerprint: parsed.fingerprint, error: null });
}

function streamClosed(stream: NodeJS.ReadableStream | null): Promise<void> {
  if (stream === null) return Promise.resolve();
  return new Promise((resolve) => {
    stream.once('close', () => resolve());
    stream.once('error', () => resolve());
  });
}

/** Waits for stdout/stderr to drain; a process that escaped the group may hold them open, so bound the wait. */
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
