import { isJsonRecord, type JsonRecord } from './json-record.js';
import { isIntrinsicCall, referencePathSegments } from './jsonpath-syntax.js';

/**
 * A partly known execution state for failure analysis: absent keys are unknown. Only simple
 * reference paths are followed; anything else reads as unknown. Pure.
 */
export type Known = { known: true; value: unknown } | { known: false };

export function readKnown(doc: unknown, path: string): Known {
  const segments = referencePathSegments(path);
  if (segments === null) return { known: false };
  let at: unknown = doc;
  for (const s of segments) {
    if (Array.isArray(at)) at = at[Number(s)];
    else if (isJsonRecord(at) && Object.hasOwn(at, s)) at = at[s];
    else return { known: false };
    if (at === undefined) return { known: false };
  }
  return { known: true, value: at };
}

/** Write `value` at a ResultPath (undefined = unknown: the path is forgotten). Returns the new doc. */
export function writeKnown(doc: JsonRecord, path: string | null | undefined, value: unknown): JsonRecord {
  if (path === null) return doc;
  const segments = referencePathSegments(path ?? '$');
  if (segments === null) return doc;
  if (segments.length === 0) return isJsonRecord(value) ? structuredClone(value) : {};
  const out = structuredClone(doc);
  let at: JsonRecord = out;
  for (const s of segments.slice(0, -1)) {
    if (!isJsonRecord(at[s])) at[s] = {};
    at = at[s] as JsonRecord;
  }
  const last = segments[segments.length - 1]!;
  if (value === undefined) delete at[last];
  else at[last] = structuredClone(value);
  return out;
}

/** Evaluate a payload template against a partly known doc; `.$` keys with unknown values are dropped. */
export function evaluateTemplate(template: unknown, doc: unknown): unknown {
  if (Array.isArray(template)) return template.map((t) => evaluateTemplate(t, doc));
  if (!isJsonRecord(template)) return template;
  const out: JsonRecord = {};
  for (const [key, value] of Object.entries(template)) {
    if (key.endsWith('.$') && typeof value === 'string') {
      if (isIntrinsicCall(value) || value.startsWith('$$')) continue;
      const k = readKnown(doc, value);
      if (k.known) out[key.slice(0, -2)] = k.value;
    } else {
      out[key] = evaluateTemplate(value, doc);
    }
  }
  return out;
}
