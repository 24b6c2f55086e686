import type { DiagnosticCollector } from './diagnostic-collector.js';
import type { FieldTable } from './field-catalog.js';
import { pointerJoin } from './json-pointer.js';
import type { JsonRecord } from './json-record.js';
import type { QueryLanguage } from './state-types.js';

/**
 * Known fields only: a field the table does not define is UNKNOWN_FIELD; a field of the other query
 * language is FIELD_NOT_ALLOWED. `skip` names fields another check reports.
 */
export function checkKnownFields(
  out: DiagnosticCollector,
  obj: JsonRecord,
  pointer: string,
  table: FieldTable,
  what: string,
  kind: string,
  ql: QueryLanguage,
  skip?: (field: string) => boolean,
): void {
  for (const field in obj) {
    const lang = Object.hasOwn(table, field) ? table[field] : undefined;
    if (lang === 'both' || lang === ql) continue;
    if (skip?.(field)) continue;
    if (lang === undefined) out.error('UNKNOWN_FIELD', pointerJoin(pointer, field), `${what}: ${field} is not a field of ${kind}`);
    else out.error('FIELD_NOT_ALLOWED', pointerJoin(pointer, field), `${what}: ${field} is ${lang}-only; this is ${ql}`);
  }
}
