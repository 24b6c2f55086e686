import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeChildHelperPath, pythonHelperDir } from './child-helper-paths.js';
import { classifyExit } from './classify-exit.js';
import { buildHermeticEnv, PROTOCOL_ENV } from './hermetic-env.js';
import { parseChildResult } from './parse-child-result.js';
import { ReplayAbortedError } from './replay-aborted-error.js';
import type { ReplayEventSink } from './replay-events.js';
import type { ReplayOutcome } from './replay-outcome.js';
import { type ReplaySpec, resolveReplaySpec } from './replay-spec.js';
import { runProcessGroup } from './run-process-group.js';
import { DEFAULT_KNOB_NAMES } from './spawn-time-knobs.js';

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
  const settings = resolveReplaySpec(spec);
  const label = options.label ?? 'replay';
  const { knobs, pinMode } = settings;
  const emit = options.emit ?? (() => {});
  const signal = options.signal;
  const aborted = () => new ReplayAbortedError(label, { cause: signal?.reason });
  if (signal?.aborted) throw aborted();

  const dir = await mkdtemp(join(spec.workDir ?? tmpdir(), 'repro-replay-'));
  try {
    const resultFile = join(dir, 'result.json');
    const protocol: Record<string, string> = {
      [PROTOCOL_ENV.resultFile]: resultFile,
      [PROTOCOL_ENV.knobNames]: [...new Set([...DEFAULT_KNOB_NAMES, ...Object.keys(knobs)])].join(','),
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
    if (signal?.aborted) throw aborted();

    const startedAt = new Date().toISOString();
    const t0 = performance.now();
    const run = await runProcessGroup({
      command: spec.command,
      ...(spec.cwd !== undefined ? { cwd: spec.cwd } : {}),
      env,
      timeoutMs: settings.timeoutMs,
      killGraceMs: settings.killGraceMs,
      maxOutputBytes: settings.maxOutputBytes,
      ...(signal ? { signal } : {}),
      ...(spec.keepFiles ? {} : { cleanupDir: dir }),
      onSpawn: (pid) => emit({ event: 'replay_started', label, pin_mode: pinMode, pid, argv: [...spec.command], knobs: { ...knobs } }),
    });
    const durationMs = performance.now() - t0;
    if (run.stoppedBy === 'abort') throw aborted();

    const facts = {
      label,
      argv: [...spec.command],
      pinMode,
      requestedKnobs: knobs,
      pid: run.pid,
      exitCode: run.exitCode,
      signal: run.signal,
      startedAt,
      durationMs,
      stdout: run.stdout,
      stderr: run.stderr,
      strayProcessesKilled: run.strayProcessesKilled,
      filesDir: spec.keepFiles ? dir : null,
    };
    const exitError = classifyExit({
      command: spec.command,
      ...(run.spawnError ? { spawnError: run.spawnError } : {}),
      ...(run.stoppedBy === 'timeout' ? { timeoutMs: settings.timeoutMs } : {}),
      exitCode: run.exitCode,
      signal: run.signal,
    });
    let outcome: ReplayOutcome;
    if (exitError !== null) {
      outcome = { ...facts, ok: false, metrics: null, fingerprint: null, error: exitError };
    } else {
      const text = await readFile(resultFile, 'utf8').catch(() => null);
      const parsed = parseChildResult(text, { requestedKnobs: knobs, ...(spec.requiredMetrics ? { requiredMetrics: spec.requiredMetrics } : {}) });
      outcome = parsed.ok
        ? { ...facts, ok: true, metrics: parsed.metrics, fingerprint: parsed.fingerprint, error: null }
        : { ...facts, ok: false, metrics: parsed.metrics, fingerprint: parsed.fingerprint, error: parsed.error };
    }
    if (outcome.ok) {
      emit({ event: 'replay_finished', label, pin_mode: pinMode, duration_ms: durationMs, metrics: { ...outcome.metrics } });
    } else {
      emit({ event: 'replay_failed', severity: 'warn', label, pin_mode: pinMode, duration_ms: durationMs, kind: outcome.error.kind, message: outcome.error.message });
    }
    return outcome;
  } finally {
    if (!spec.keepFiles) await rm(dir, { recursive: true, force: true });
  }
}
