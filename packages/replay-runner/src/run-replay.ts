import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { nodeChildHelperPath, pythonHelperDir } from './child-helper-paths.js';
import { classifyExit } from './classify-exit.js';
import { diagnoseStderr, failureTail } from './failure-diagnosis.js';
import { buildHermeticEnv, PROTOCOL_ENV } from './hermetic-env.js';
import { NUMERIC_ENV_VARS, numericEnvInParent } from './numeric-env.js';
import type { CapturedOutput } from './output-tail.js';
import { parseChildResult } from './parse-child-result.js';
import { ReplayAbortedError } from './replay-aborted-error.js';
import type { ReplayEventSink } from './replay-events.js';
import type { ReplayOutcome } from './replay-outcome.js';
import { type ReplaySpec, resolveReplaySpec } from './replay-spec.js';
import { resolveBuildSha } from './resolve-build-sha.js';
import { runProcessGroup } from './run-process-group.js';
import { SecretRedactor } from './secret-redactor.js';
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

  const parentEnv = spec.parentEnv ?? process.env;
  const cwd = resolve(spec.cwd ?? process.cwd());
  const cwdExists = (await stat(cwd).catch(() => null))?.isDirectory() ?? false;
  const buildSha = await resolveBuildSha({
    command: spec.command,
    cwd,
    parentEnv,
    ...(spec.buildSha !== undefined ? { explicit: spec.buildSha } : {}),
  });
  // Variables known to change numerics: passed through and recorded (default), or dropped with a warning.
  const numericNames = numericEnvInParent(parentEnv, knobs).filter((name) => !(spec.passEnv ?? []).includes(name));
  const dropNumeric = spec.numericEnv === 'drop';
  const passEnv = [...(spec.passEnv ?? []), ...(dropNumeric ? [] : numericNames)];
  const effectiveKnobs: Record<string, string> = { ...knobs };
  for (const name of [...(spec.passEnv ?? []), ...NUMERIC_ENV_VARS]) {
    if (passEnv.includes(name) && parentEnv[name] !== undefined && !(name in knobs)) effectiveKnobs[name] = parentEnv[name]!;
  }
  const droppedEnv = dropNumeric ? numericNames : [];
  if (droppedEnv.length > 0) emit({ event: 'replay_env_dropped', severity: 'warning', label, pin_mode: pinMode, names: droppedEnv });

  const dir = await mkdtemp(join(spec.workDir ?? tmpdir(), 'repro-replay-'));
  try {
    const resultFile = join(dir, 'result.json');
    const protocol: Record<string, string> = {
      [PROTOCOL_ENV.resultFile]: resultFile,
      [PROTOCOL_ENV.knobNames]: [...new Set([...DEFAULT_KNOB_NAMES, ...Object.keys(knobs), ...NUMERIC_ENV_VARS])].join(','),
      [PROTOCOL_ENV.nodeChild]: nodeChildHelperPath(),
    };
    if (buildSha.sha !== null) {
      protocol[PROTOCOL_ENV.buildSha] = buildSha.sha;
      protocol[PROTOCOL_ENV.buildShaSource] = buildSha.source!;
    }
    if (spec.params !== undefined) {
      const paramsFile = join(dir, 'params.json');
      await writeFile(paramsFile, `${JSON.stringify(spec.params, null, 2)}\n`);
      protocol[PROTOCOL_ENV.paramsFile] = paramsFile;
    }
    const env = buildHermeticEnv({
      parentEnv,
      passEnv,
      knobs,
      protocol,
      pythonPath: [pythonHelperDir()],
    });
    if (signal?.aborted) throw aborted();

    const startedAt = new Date().toISOString();
    const t0 = performance.now();
    const command = spec.cpuAffinity !== undefined ? ['taskset', '-c', spec.cpuAffinity, ...spec.command] : spec.command;
    const run = await runProcessGroup({
      command,
      cwd,
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

    const redactor = SecretRedactor.fromEnvironment({ ...parentEnv, ...env });
    const redact = (captured: CapturedOutput): CapturedOutput => ({ ...captured, tail: redactor.redactText(captured.tail) });
    const stdout = redact(run.stdout);
    const stderr = redact(run.stderr);
    const facts = {
      label,
      argv: [...spec.command],
      cwd,
      effectiveKnobs,
      droppedEnv,
      buildSha,
      cpuAffinity: spec.cpuAffinity ?? null,
      pinMode,
      requestedKnobs: knobs,
      pid: run.pid,
      exitCode: run.exitCode,
      signal: run.signal,
      startedAt,
      durationMs,
      stdout,
      stderr,
      strayProcessesKilled: run.strayProcessesKilled,
      filesDir: spec.keepFiles ? dir : null,
    };
    const exitError = classifyExit({
      command,
      cwd: { path: cwd, exists: cwdExists },
      ...(env.PATH !== undefined ? { childPath: env.PATH } : {}),
      stderrDiagnosis: diagnoseStderr(stderr.tail),
      ...(run.spawnError ? { spawnError: run.spawnError } : {}),
      ...(run.stoppedBy === 'timeout' ? { timeoutMs: settings.timeoutMs } : {}),
      exitCode: run.exitCode,
      signal: run.signal,
    });
    const tail = failureTail(stderr);
    const withTail = <E extends object>(error: E) => (tail !== '' ? { ...error, stderrTail: tail } : error);
    let outcome: ReplayOutcome;
    if (exitError !== null) {
      outcome = { ...facts, ok: false, metrics: null, fingerprint: null, error: withTail(exitError) };
    } else {
      const text = await readFile(resultFile, 'utf8').catch(() => null);
      const parsed = parseChildResult(text, { requestedKnobs: knobs, ...(spec.requiredMetrics ? { requiredMetrics: spec.requiredMetrics } : {}) });
      outcome = parsed.ok
        ? { ...facts, ok: true, metrics: parsed.metrics, fingerprint: parsed.fingerprint, error: null }
        : { ...facts, ok: false, metrics: parsed.metrics, fingerprint: parsed.fingerprint, error: withTail(parsed.error) };
    }
    if (outcome.ok) {
      emit({ event: 'replay_finished', label, pin_mode: pinMode, duration_ms: durationMs, metrics: { ...outcome.metrics } });
    } else {
      emit({ event: 'replay_failed', severity: 'warning', label, pin_mode: pinMode, duration_ms: durationMs, kind: outcome.error.kind, message: outcome.error.message, ...(outcome.error.stderrTail !== undefined ? { stderr_tail: outcome.error.stderrTail } : {}) });
    }
    return outcome;
  } finally {
    if (!spec.keepFiles) await rm(dir, { recursive: true, force: true });
  }
}
