import type { DiagnosticCollector } from './diagnostic-collector.js';
import { pointerJoin } from './json-pointer.js';
import type { JsonRecord } from './json-record.js';
import { isJsonataString } from './jsonata-expression.js';
import { isPath, isReferencePath } from './jsonpath-syntax.js';

/** Checks of one field's value (type, range, enumeration, path syntax). Pure. */

export interface NumberRule {
  integer?: boolean;
  /** Inclusive lower bound. */
  min?: number;
  /** Exclusive lower bound. */
  above?: number;
  /** Inclusive upper bound. */
  max?: number;
  /** The field may hold a JSONata expression instead (JSONata states). */
  jsonata?: boolean;
}

function describeRange(rule: NumberRule): string {
  const parts: string[] = [];
  if (rule.min !== undefined) parts.push(`>= ${rule.min}`);
  if (rule.above !== undefined) parts.push(`> ${rule.above}`);
  if (rule.max !== undefined) parts.push(`<= ${rule.max}`);
  return parts.join(' and ');
}

/** A numeric field: right JSON type (or a JSONata string where allowed), then its range. */
export function checkNumberField(out: DiagnosticCollector, obj: JsonRecord, field: string, pointer: string, what: string, rule: NumberRule): void {
  if (!Object.hasOwn(obj, field)) return;
  const v = obj[field];
  if (rule.jsonata && isJsonataString(v)) return;
  if (typeof v !== 'number' || (rule.integer && !Number.isInteger(v))) {
    const kind = rule.integer ? 'an integer' : 'a number';
    out.error('INVALID_FIELD_VALUE', pointerJoin(pointer, field), `${what}: ${field} must be ${kind}${rule.jsonata ? ' or a JSONata expression {% … %}' : ''}, not ${JSON.stringify(v)}`);
    return;
  }
  const low = (rule.min !== undefined && v < rule.min) || (rule.above !== undefined && v <= rule.above);
  const high = rule.max !== undefined && v > rule.max;
  if (low || high) out.error('VALUE_OUT_OF_RANGE', pointerJoin(pointer, field), `${what}: ${field} must be ${describeRange(rule)}, not ${v}`);
}

/** A string field holding one of a fixed set of values. */
export function checkEnumField(out: DiagnosticCollector, obj: JsonRecord, field: string, pointer: string, what: string, values: readonly string[]): void {
  if (!Object.hasOwn(obj, field)) return;
  const v = obj[field];
  if (typeof v === 'string' && values.includes(v)) return;
  out.error('INVALID_ENUM_VALUE', pointerJoin(pointer, field), `${what}: ${field} must be one of ${values.join(', ')}, not ${JSON.stringify(v)}`);
}

export function checkStringField(out: DiagnosticCollector, obj: JsonRecord, field: string, pointer: string, what: string): void {
  if (!Object.hasOwn(obj, field) || typeof obj[field] === 'string') return;
  out.error('INVALID_FIELD_VALUE', pointerJoin(pointer, field), `${what}: ${field} must be a string, not ${JSON.stringify(obj[field])}`);
}

export function checkObjectField(out: DiagnosticCollector, obj: JsonRecord, field: string, pointer: string, what: string): JsonRecord | undefined {
  if (!Object.hasOwn(obj, field)) return undefined;
  const v = obj[field];
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as JsonRecord;
  out.error('INVALID_FIELD_VALUE', pointerJoin(pointer, field), `${what}: ${field} must be a JSON object, not ${JSON.stringify(v)}`);
  return undefined;
}

/** A `…Path` field: a reference path (`$` with single-child steps; `$$.…` and `$var…` read the context and variables). */
export function checkReferencePathField(out: DiagnosticCollector, obj: JsonRecord, field: string, pointer: string, what: string): void {
  if (!Object.hasOwn(obj, field)) return;
  const v = obj[field];
  if (typeof v === 'string' && isPath(v) && isReferencePath(v.startsWith('$$') ? v.slice(1) : v.replace(/^\$[A-Za-z_][A-Za-z0-9_]*/, '$'))) return;
  out.error('INVALID_JSONPATH', pointerJoin(pointer, field), `${what}: ${field} must be a reference path ($… with single-child steps), not ${JSON.stringify(v)}`);
}

/** Fields of which at most one may be present; each extra one is reported at its own pointer. */
export function checkExclusive(out: DiagnosticCollector, obj: JsonRecord, fields: readonly string[], pointer: string, what: string): void {
  let first: string | undefined;
  for (const f of fields) {
    if (!Object.hasOwn(obj, f)) continue;
    if (first === undefined) first = f;
    else out.error('EXCLUSIVE_FIELDS', pointerJoin(pointer, f), `${what}: ${f} and ${first} exclude each other (at most one of ${fields.join(', ')})`);
  }
}

/** Fields of which exactly one is required: none present is REQUIRED_ONE_OF at the object, two or more EXCLUSIVE_FIELDS. */
export function checkExactlyOne(out: DiagnosticCollector, obj: JsonRecord, fields: readonly string[], pointer: string, what: string): void {
  if (!fields.some((f) => Object.hasOwn(obj, f))) {
    out.error('REQUIRED_ONE_OF', pointer, `${what} needs exactly one of ${fields.join(', ')}`);
    return;
  }
  checkExclusive(out, obj, fields, pointer, what);
}

/** RFC 3339 date-time as Step Functions accepts it (uppercase T, Z or a numeric offset). */
export function isRfc3339Timestamp(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-](\d{2}):(\d{2}))$/.exec(value);
  if (!m) return false;
  const [month, day, hour, minute, second] = [m[2], m[3], m[4], m[5], m[6]].map(Number) as [number, number, number, number, number];
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 60;
}

/** A URI: a scheme (`arn:`, `https:`, …) then a non-empty rest. Whole-string `${…}` deploy-time placeholders are accepted. */
export function isResourceUri(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  if (/^\$\{[^}]+\}$/.test(value)) return true;
  return /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$/.test(value);
}
