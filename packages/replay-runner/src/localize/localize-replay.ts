import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import { type FactorMeasurement, type Localization, PINNED_BASELINE_FACTOR, rankLocalization } from '@repro/verdict-core';
import { DEFAULT_ENV_ALLOWLIST, PROTOCOL_ENV } from '../hermetic-env.js';
import { DEFAULT_PIN, requestedKnobs } from '../pinned-knobs.js';
import type { ReplayOutcome } from '../replay-outcome.js';
import type { ReplaySpec } from '../replay-spec.js';
import { ReplaySpecError } from '../replay-spec-error.js';
import { runReplay } from '../run-replay.js';
import { DEFAULT_LOCALIZATION_FACTORS, type LocalizationFactor } from './localization-factors.js';
import type { LocalizeEventSink } from './localize-events.js';

export interface LocalizeReplayOptions {
  /** The metric to localise (must be reported by the child). */
  readonly metric: string;
  /** The factors to vary (default DEFAULT_LOCALIZATION_FACTORS). */
  readonly factors?: readonly LocalizationFactor[];
  /** K: replays per factor, and of the pinned baseline (default 2, at least 1). */
  readonly replaysPerFactor?: number;
  /** Replays at once (default 1: sequential, so replays do not compete for the CPUs they vary). */
  readonly concurrency?: number;
  /** Largest working directory copied for `relocateCwd` (files; default 20 000). */
  readonly maxRelocatedFiles?: number;
  readonly signal?: AbortSignal;
  /** Replay events, plus `s18_localize_factor` per factor and `s18_localize_result`. */
  readonly emit?: LocalizeEventSink;
}

export type LocalizeResult =
  | {
      readonly ok: true;
      readonly localization: Localization;
      /** Every replay run, baseline first, by factor id (`baseline` for the pinned baseline). */
      readonly outcomes: Readonly<Record<string, readonly ReplayOutcome[]>>;
    }
  | {
      /** The pinned baseline failed: nothing can be localised against it. */
      readonly ok: false;
      readonly reason: string;
      readonly outcomes: Readonly<Record<string, readonly ReplayOutcome[]>>;
    };

/**
 * Localises what moves a replay's metric: runs the pinned baseline K times, then, for each factor of the
 * catalogue, K replays that change only that factor (hash seed, a thread cap, CPU affinity, a numeric
 * library variable, locale, time zone, the working-directory path, the environment beyond the
 * allowlist), and ranks the factors by how far the metric moves (verdict-core's `rankLocalization`).
 * The spec's pin must be `pinned` (the baseline). Failures of single replays are data (the factor's
 * `error`); a failing baseline is `{ ok: false }`.
 * @throws ReplaySpecError on a malformed spec or options; ReplayAbortedError when `signal` aborts.
 */
export async function localizeReplay(spec: ReplaySpec, options: LocalizeReplayOptions): Promise<LocalizeResult> {
  const k = options.replaysPerFactor ?? 2;
  if (!Number.isSafeInteger(k) || k < 1) throw new ReplaySpecError('replaysPerFactor', `must be a positive integer, got ${JSON.stringify(k)}`);
  const concurrency = options.concurrency ?? 1;
  if (!Number.isSafeInteger(concurrency) || concurrency < 1) throw new ReplaySpecError('concurrency', `must be a positive integer, got ${JSON.stringify(concurrency)}`);
  if (typeof options.metric !== 'string' || options.metric === '') throw new ReplaySpecError('metric', 'must name the metric to localise');
  const pin = spec.pin ?? DEFAULT_PIN;
  if (pin.mode !== 'pinned') throw new ReplaySpecError('pin.mode', 'localisation starts from the pinned baseline: use a pinned spec');
  const factors = options.factors ?? DEFAULT_LOCALIZATION_FACTORS;
  const ids = new Set<string>([PINNED_BASELINE_FACTOR]);
  factors.forEach((factor, i) => {
    if (typeof factor.id !== 'string' || factor.id === '' || ids.has(factor.id)) throw new ReplaySpecError(`factors[${i}].id`, `must be a unique non-empty id, got ${JSON.stringify(factor.id)}`);
    ids.add(factor.id);
  });
  const emit = options.emit ?? (() => {});
  const run = (replaySpec: ReplaySpec, label: string) =>
    runReplay(replaySpec, { label, ...(options.signal ? { signal: options.signal } : {}), ...(options.emit ? { emit: options.emit } : {}) });
  const outcomes: Record<string, ReplayOutcome[]> = {};

  const baseline = await runAll(Array.from({ length: k }, (_, i) => () => run(spec, `baseline-${i + 1}`)), concurrency);
  outcomes.baseline = baseline;
  const first = baseline[0]!;
  const baselineValue = metricValueOf(first, options.metric);
  if (typeof baselineValue !== 'number') return { ok: false, reason: `the pinned baseline replay failed: ${baselineValue.error}`, outcomes };

  const parentEnv = spec.parentEnv ?? process.env;
  const measurements: FactorMeasurement[] = [measure(
    { id: PINNED_BASELINE_FACTOR, label: 'nothing (the pinned baseline repeated)', howToPin: 'make the run deterministic under pins: fold parallel results in a fixed order, seed every random generator, avoid races' },
    baseline.slice(1),
    options.metric,
  )];
  emitFactor(emit, measurements[0]!, baselineValue);
  for (const factor of factors) {
    const prepared = await prepareFactor(spec, factor, k, parentEnv, options.maxRelocatedFiles ?? 20_000);
    let replays: ReplayOutcome[] = [];
    let setupError: string | undefined;
    try {
      if ('error' in prepared) setupError = prepared.error;
      else replays = await runAll(prepared.specs.map((replaySpec, i) => () => run(replaySpec, `${factor.id}-${i + 1}`)), concurrency);
    } finally {
      if (!('error' in prepared)) await prepared.cleanup();
    }
    outcomes[factor.id] = replays;
    const measurement = measure({ ...factor, howToPin: howToPinOf(factor, parentEnv, spec) }, replays, options.metric, setupError);
    measurements.push(measurement);
    emitFactor(emit, measurement, baselineValue);
  }
  const localization = rankLocalization({ baselineValue, replaysPerFactor: k, factors: measurements });
  emit({
    event: 's18_localize_result',
    severity: localization.culprit === null ? 'info' : 'warning',
    culprit: localization.culprit,
    sentence: localization.sentence,
    how_to_pin: localization.how_to_pin,
    baseline_value: localization.baseline_value,
    replays_per_factor: k,
  });
  return { ok: true, localization, outcomes };
}

function metricValueOf(outcome: ReplayOutcome, metric: string): number | { error: string } {
  if (!outcome.ok) return { error: `${outcome.error.kind}: ${outcome.error.message}` };
  if (!Object.hasOwn(outcome.metrics, metric)) {
    return { error: `bad_result: the child did not report metric ${metric}; it reported ${Object.keys(outcome.metrics).join(', ') || 'no metric'}` };
  }
  return outcome.metrics[metric]!;
}

function measure(
  factor: { readonly id: string; readonly label: string; readonly howToPin: string },
  replays: readonly ReplayOutcome[],
  metric: string,
  setupError?: string,
): FactorMeasurement {
  const values: number[] = [];
  let error = setupError;
  for (const outcome of replays) {
    const value = metricValueOf(outcome, metric);
    if (typeof value === 'number') values.push(value);
    else error ??= value.error;
  }
  return { factor: factor.id, label: factor.label, howToPin: factor.howToPin, values, ...(error !== undefined ? { error } : {}) };
}

function emitFactor(emit: LocalizeEventSink, m: FactorMeasurement, baseline: number): void {
  const moved = m.values.some((v) => v !== baseline);
  const maxDelta = m.values.reduce((max, v) => Math.max(max, Math.abs(v - baseline)), 0);
  emit({ event: 's18_localize_factor', factor: m.factor, label: m.label, moved, max_delta: maxDelta, values: [...m.values], ...(m.error !== undefined ? { error: m.error } : {}) });
}

/** For the parent-env factor, name the candidate variables (those beyond the allowlist). */
function howToPinOf(factor: LocalizationFactor, parentEnv: Readonly<Record<string, string | undefined>>, spec: ReplaySpec): string {
  if (!factor.fullParentEnv) return factor.howToPin;
  const extra = extraParentNames(parentEnv, spec).filter((name) => !(spec.passEnv ?? []).includes(name));
  const shown = extra.slice(0, 12).join(', ');
  return extra.length > 0 ? `${factor.howToPin} — the variables the replay did not get: ${shown}${extra.length > 12 ? `, … (${extra.length} in all)` : ''}` : factor.howToPin;
}

function extraParentNames(parentEnv: Readonly<Record<string, string | undefined>>, spec: ReplaySpec): string[] {
  const knobs = requestedKnobs(spec.pin ?? DEFAULT_PIN);
  const protocol = new Set<string>(Object.values(PROTOCOL_ENV));
  return Object.keys(parentEnv)
    .filter((name) => parentEnv[name] !== undefined && /^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
    .filter((name) => !DEFAULT_ENV_ALLOWLIST.includes(name) && !(name in knobs) && !protocol.has(name) && !name.startsWith('REPRO_'))
    .sort();
}

type PreparedFactor = { readonly specs: ReplaySpec[]; readonly cleanup: () => Promise<void> } | { readonly error: string };

async function prepareFactor(
  spec: ReplaySpec,
  factor: LocalizationFactor,
  k: number,
  parentEnv: Readonly<Record<string, string | undefined>>,
  maxFiles: number,
): Promise<PreparedFactor> {
  const pin = spec.pin ?? DEFAULT_PIN;
  if (pin.mode !== 'pinned') throw new ReplaySpecError('pin.mode', 'must be pinned');
  let cwd = spec.cwd;
  let command = spec.command;
  let cleanup = async () => {};
  if (factor.relocateCwd) {
    const from = resolve(spec.cwd ?? process.cwd());
    const count = await countFiles(from, maxFiles);
    if (count > maxFiles) return { error: `setup: the working directory ${from} has more than ${maxFiles} files; not copied (raise maxRelocatedFiles)` };
    const parent = await mkdtemp(join(spec.workDir ?? tmpdir(), 'repro-localize-moved-'));
    const to = join(parent, `${basename(from)}-relocated`);
    await cp(from, to, { recursive: true, verbatimSymlinks: true });
    cwd = to;
    command = spec.command.map((arg, i) => {
      if (i === 0 || !isAbsolute(arg)) return arg;
      const inside = relative(from, arg);
      return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside) ? join(to, inside) : arg;
    });
    cleanup = () => rm(parent, { recursive: true, force: true });
  }
  const cpus = factor.cpuAffinity === 'each_cpu' ? Array.from({ length: Math.max(1, availableParallelism()) }, (_, i) => String(i)) : factor.cpuAffinity;
  const passEnv = factor.fullParentEnv ? [...new Set([...(spec.passEnv ?? []), ...extraParentNames(parentEnv, spec)])] : spec.passEnv;
  const specs = Array.from({ length: k }, (_, i): ReplaySpec => {
    const extraKnobs: Record<string, string> = { ...(pin.extraKnobs ?? {}) };
    for (const [name, values] of Object.entries(factor.knobs ?? {})) {
      if (values.length > 0) extraKnobs[name] = values[i % values.length]!;
    }
    return {
      ...spec,
      command,
      ...(cwd !== undefined ? { cwd } : {}),
      pin: { ...pin, extraKnobs },
      ...(passEnv !== undefined ? { passEnv } : {}),
      ...(cpus !== undefined && cpus.length > 0 ? { cpuAffinity: cpus[i % cpus.length]! } : {}),
    };
  });
  return { specs, cleanup };
}

async function countFiles(dir: string, limit: number): Promise<number> {
  let count = 0;
  const stack = [dir];
  while (stack.length > 0 && count <= limit) {
    const entries = await readdir(stack.pop()!, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      count += 1;
      if (entry.isDirectory()) stack.push(join(entry.parentPath, entry.name));
    }
  }
  return count;
}

async function runAll<T>(tasks: readonly (() => Promise<T>)[], concurrency: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next;
      next += 1;
      results[index] = await tasks[index]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, tasks.length) }, worker));
  return results;
}
