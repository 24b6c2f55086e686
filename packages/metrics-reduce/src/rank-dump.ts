import type { z } from 'zod';
import { type LedgerRankRecord, LedgerRankRecord as LedgerRankRecordSchema } from './ledger.js';
import { decodeMetricValue } from './metric-value.js';
import { MetricsInputError } from './metrics-input-error.js';
import { StreamMixingRankRecord as StreamMixingRankRecordSchema, type StreamMixingRankRecord } from './stream-mixing-record.js';

/** One rank's dump: its records by step, in step order, each with the line it came from. */
export interface RankDump<T> {
  file: string;
  entries: readonly { step: number; line: number; record: T }[];
}

function parseLines<T>(text: string, file: string, decode: (value: unknown, line: number) => { step: number; record: T }): RankDump<T> {
  const entries: { step: number; line: number; record: T }[] = [];
  const seen = new Map<number, number>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    // A UTF-8 byte-order mark and CRLF line ends are tolerated.
    const raw = (i === 0 ? lines[i]!.replace(/^\uFEFF/, '') : lines[i]!).replace(/\r$/, '');
    if (raw.trim() === '') continue;
    const line = i + 1;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      const hint = /(^|[^"\w])-?(NaN|Infinity)([^"\w]|$)/.test(raw) ? ' (non-finite numbers must be the strings "NaN", "Infinity", "-Infinity")' : '';
      throw new MetricsInputError(file, line, `not JSON: ${why}${hint}`);
    }
    const decoded = decode(value, line);
    const earlier = seen.get(decoded.step);
    if (earlier !== undefined) throw new MetricsInputError(file, line, `step ${decoded.step} already appeared on line ${earlier}`);
    seen.set(decoded.step, line);
    entries.push({ step: decoded.step, line, record: decoded.record });
  }
  entries.sort((a, b) => a.step - b.step);
  return { file, entries };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkStep(value: unknown, file: string, line: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new MetricsInputError(file, line, `"step" must be an integer ≥ 0, got ${JSON.stringify(value) ?? 'nothing'}`);
  }
  return value;
}

/**
 * Parse a rank dump of generic metrics: JSON Lines, one `{"step": N, "metrics": {key: value}}` per
 * line, values numbers or `"NaN"`, `"Infinity"`, `"-Infinity"`. Blank lines are ignored. Pure.
 * @throws MetricsInputError naming the file, the line and what is wrong (also for a repeated step).
 */
export function parseMetricsDump(text: string, file: string): RankDump<Record<string, number>> {
  return parseLines(text, file, (value, line) => {
    if (!isObject(value)) throw new MetricsInputError(file, line, 'each line must be a JSON object {"step": N, "metrics": {…}}');
    for (const field of Object.keys(value)) {
      if (field !== 'step' && field !== 'metrics') throw new MetricsInputError(file, line, `unknown field "${field}" (a line is {"step": N, "metrics": {…}})`);
    }
    const step = checkStep(value.step, file, line);
    const metrics = value.metrics;
    if (!isObject(metrics)) throw new MetricsInputError(file, line, '"metrics" must be a JSON object of key → number');
    const record: Record<string, number> = {};
    for (const [key, raw] of Object.entries(metrics)) {
      const decoded = decodeMetricValue(raw);
      if (decoded === undefined) {
        throw new MetricsInputError(file, line, `metrics["${key}"] must be a number or "NaN", "Infinity", "-Infinity", got ${JSON.stringify(raw)}`);
      }
      record[key] = decoded;
    }
    return { step, record };
  });
}

function familyDecoder<S extends z.ZodType<{ step: number }>>(schema: S, file: string, family: string) {
  return (value: unknown, line: number): { step: number; record: z.infer<S> } => {
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const where = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
      throw new MetricsInputError(file, line, `not a ${family} record: ${where !== '' ? `${where}: ` : ''}${issue.message}`);
    }
    return { step: parsed.data.step, record: parsed.data };
  };
}

/** Parse a rank dump of stream-mixing records (one `{step, readers: […]}` per line). Pure. @throws MetricsInputError */
export function parseStreamMixingDump(text: string, file: string): RankDump<StreamMixingRankRecord> {
  return parseLines(text, file, familyDecoder(StreamMixingRankRecordSchema, file, 'stream-mixing'));
}

/** Parse a rank dump of ledger records (one `{step, evictions, false_evictions, fresh_writes, size}` per line). Pure. @throws MetricsInputError */
export function parseLedgerDump(text: string, file: string): RankDump<LedgerRankRecord> {
  return parseLines(text, file, familyDecoder(LedgerRankRecordSchema, file, 'ledger'));
}
