import type { DiagnosticCollector } from './diagnostic-collector.js';
import { checkIntrinsicCall, looksLikeIntrinsic } from './intrinsic-functions.js';
import { pointerJoin } from './json-pointer.js';
import { isJsonRecord } from './json-record.js';
import { isBrokenJsonataString, isJsonataString, type JsonataContext, jsonataBody, jsonataRestrictions, jsonataSyntaxProblem } from './jsonata-expression.js';
import { isPath } from './jsonpath-syntax.js';

/** Expressions inside field values: JSONata strings (JSONata states) and `.$` paths / intrinsics (JSONPath states). Pure. */

/** What `$states` offers in the fields Step Functions evaluates after nothing ran yet (Arguments, Items, …). */
export const BEFORE_RESULT: JsonataContext = { result: false, errorOutput: false };
/** Output and Assign of a Task, Parallel or Map. */
export const AFTER_RESULT: JsonataContext = { result: true, errorOutput: false };
/** Output and Assign of a Catch. */
export const IN_CATCH: JsonataContext = { result: false, errorOutput: true };

/** One JSONata string: a syntax error (with its position) or a use Step Functions restricts. */
export function checkJsonataString(out: DiagnosticCollector, value: string, pointer: string, what: string, context: JsonataContext): void {
  if (isBrokenJsonataString(value)) {
    out.error('JSONATA_SYNTAX', pointer, `${what}: ${JSON.stringify(value.slice(0, 40))} must be written "{% <expression> %}" (opened or closed only)`);
    return;
  }
  if (!isJsonataString(value)) return;
  const body = jsonataBody(value);
  const problem = jsonataSyntaxProblem(body);
  if (problem) {
    const where = problem.position === undefined ? '' : ` at position ${problem.position + 2}`;
    out.error('JSONATA_SYNTAX', pointer, `${what}: JSONata expression does not parse${where}: ${problem.message}`);
    return;
  }
  for (const why of jsonataRestrictions(body, context)) out.error('JSONATA_RESTRICTED', pointer, `${what}: ${why}`);
}

/** Every JSONata string anywhere in a value (object keys are never evaluated). */
export function checkJsonataValue(out: DiagnosticCollector, value: unknown, pointer: string, what: string, context: JsonataContext): void {
  if (typeof value === 'string') {
    checkJsonataString(out, value, pointer, what, context);
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) checkJsonataValue(out, value[i], pointerJoin(pointer, i), what, context);
  } else if (isJsonRecord(value)) {
    for (const key in value) checkJsonataValue(out, value[key], pointerJoin(pointer, key), what, context);
  }
}

/** A `.$` value or a path-or-intrinsic field (ErrorPath, CausePath): a path, or a well-formed call of known intrinsics. */
export function checkPathOrIntrinsic(out: DiagnosticCollector, value: unknown, pointer: string, what: string, label: string): void {
  if (typeof value === 'string' && looksLikeIntrinsic(value)) {
    for (const p of checkIntrinsicCall(value.trim())) out.error(p.kind, pointer, `${what}: ${p.message}`);
    return;
  }
  if (!isPath(value)) {
    out.error('INVALID_JSONPATH', pointer, `${what}: ${label} must hold a path ($…) or an intrinsic function (States.X(…)), not ${JSON.stringify(value)}`);
  }
}

/** A JSONPath payload template (Parameters, ResultSelector, ItemSelector, Assign, Credentials, …): every `.$` key. */
export function checkPayloadTemplate(out: DiagnosticCollector, value: unknown, pointer: string, where: string): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) checkPayloadTemplate(out, value[i], pointerJoin(pointer, i), where);
    return;
  }
  if (!isJsonRecord(value)) return;
  for (const key in value) {
    const inner = value[key];
    const at = pointerJoin(pointer, key);
    if (key.endsWith('.$')) checkPathOrIntrinsic(out, inner, at, where, `"${key}"`);
    else checkPayloadTemplate(out, inner, at, where);
  }
}
