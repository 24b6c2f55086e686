import { checkPins } from './check-pins.js';
import { checkKnobsAtResult, checkThreadPools } from './check-thread-pools.js';
import { type ChildResult, ChildResultSchema } from './child-result.js';
import type { EnvFingerprint } from './env-fingerprint.js';
import { parseJsonWithNonFinite } from './parse-json-with-non-finite.js';
import type { ReplayError } from './replay-error.js';

export interface ParseChildResultOptions {
  /** Knobs the child must have observed (pin_mismatch otherwise). */
  readonly requestedKnobs: Readonly<Record<string, string>>;
  /** Metric names the result must contain (bad_result otherwise). */
  readonly requiredMetrics?: readonly string[];
}

export type ParsedChildResult =
  | { readonly ok: true; readonly metrics: Record<string, number>; readonly fingerprint: EnvFingerprint; readonly raw: ChildResult }
  | {
      readonly ok: false;
      readonly error: ReplayError;
      /** Metrics as parsed (non-finite ones as NaN/±Infinity), when the file was well-formed. */
      readonly metrics: Record<string, number> | null;
      readonly fingerprint: EnvFingerprint | null;
    };

/**
 * Validates the text of a result file: JSON (bare NaN/Infinity accepted), schema, required metrics,
 * pinned knobs (pin_mismatch), then finiteness (non_finite_metric). `text === null`: no file. Pure.
 */
export function parseChildResult(text: string | null, options: ParseChildResultOptions): ParsedChildResult {
  const fail = (error: ReplayError, metrics: Record<string, number> | null = null, fingerprint: EnvFingerprint | null = null) =>
    ({ ok: false, error, metrics, fingerprint }) as const;
  if (text === null) {
    return fail({ kind: 'bad_result', path: 'file', message: 'the child exited 0 but wrote no result file (REPRO_RESULT_FILE)' });
  }
  let json: unknown;
  try {
    json = parseJsonWithNonFinite(text);
  } catch (error) {
    return fail({ kind: 'bad_result', path: 'file', message: `result file is not JSON: ${(error as Error).message}` });
  }
  const parsed = ChildResultSchema.safeParse(tokenizeNonFiniteMetrics(json));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)';
    return fail({ kind: 'bad_result', path, message: `result file: ${path}: ${issue.message}` });
  }
  const raw = parsed.data;
  const metrics: Record<string, number> = {};
  for (const [name, value] of Object.entries(raw.metrics)) metrics[name] = typeof value === 'number' ? value : Number(value);
  const fingerprint = raw.fingerprint;
  const missing = (options.requiredMetrics ?? []).filter((name) => !Object.hasOwn(metrics, name));
  if (missing.length > 0) {
    return fail(
      {
        kind: 'bad_result',
        path: `metrics.${missing[0]}`,
        reportedMetrics: Object.keys(metrics),
        message: `result file lacks metric(s) ${missing.join(', ')}; the child reported ${Object.keys(metrics).length > 0 ? Object.keys(metrics).join(', ') : 'no metric at all'}`,
      },
      metrics,
      fingerprint,
    );
  }
  const mismatches = [
    ...checkPins(options.requestedKnobs, fingerprint.observed_knobs),
    ...checkKnobsAtResult(options.requestedKnobs, fingerprint.knobs_at_result as Record<string, string | null> | undefined),
    ...checkThreadPools(options.requestedKnobs, fingerprint.threadpools, fingerprint.cpus_visible),
  ];
  if (mismatches.length > 0) {
    const seen = (m: (typeof mismatches)[number]) => (m.observed === undefined ? '(not reported)' : m.observed === null ? '(unset)' : m.observed);
    const detail = mismatches
      .map((m) =>
        m.stage === 'threadpool'
          ? `thread pool ${m.pool} runs ${seen(m)} thread(s), ${m.knob} pinned ${m.requested}`
          : m.stage === 'at_result'
            ? `${m.knob}: requested ${m.requested}, set to ${seen(m)} by the script during the run`
            : `${m.knob}: requested ${m.requested}, observed ${seen(m)}`,
      )
      .join('; ');
    return fail({ kind: 'pin_mismatch', mismatches, message: `the child was not pinned: ${detail}` }, metrics, fingerprint);
  }
  const nonFinite = Object.keys(metrics).filter((name) => !Number.isFinite(metrics[name]));
  if (nonFinite.length > 0) {
    const detail = nonFinite.map((name) => `${name}=${metrics[name]}`).join(', ');
    return fail({ kind: 'non_finite_metric', metrics: nonFinite, message: `non-finite metric(s): ${detail}` }, metrics, fingerprint);
  }
  return { ok: true, metrics, fingerprint, raw };
}

/** A number literal too large for a double (1e999) parses to ±Infinity: carry it as the token, like the rest. */
function tokenizeNonFiniteMetrics(json: unknown): unknown {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return json;
  const metrics = (json as { metrics?: unknown }).metrics;
  if (metrics === null || typeof metrics !== 'object' || Array.isArray(metrics)) return json;
  const tokenized: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(metrics)) {
    tokenized[name] = typeof value === 'number' && !Number.isFinite(value) ? String(value) : value;
  }
  return { ...json, metrics: tokenized };
}
