import { AFTER_RESULT, BEFORE_RESULT, checkJsonataValue, checkPathOrIntrinsic, checkPayloadTemplate, IN_CATCH } from './check-expressions.js';
import { checkKnownFields } from './check-known-fields.js';
import { checkMapConfiguration } from './check-map-configuration.js';
import type { DiagnosticCollector } from './diagnostic-collector.js';
import { CATCHER_FIELDS, CREDENTIALS_FIELDS, RETRIER_FIELDS } from './field-catalog.js';
import {
  checkEnumField,
  checkExactlyOne,
  checkExclusive,
  checkNumberField,
  checkReferencePathField,
  checkStringField,
  isResourceUri,
  isRfc3339Timestamp,
} from './field-value-checks.js';
import { pointerJoin } from './json-pointer.js';
import { asJsonRecord, type JsonRecord } from './json-record.js';
import { isJsonataString } from './jsonata-expression.js';
import { isReferencePath } from './jsonpath-syntax.js';
import type { QueryLanguage, StateType } from './state-types.js';

/** Field-level rules of one state (the type is known): values, ranges, exclusive pairs, Retry/Catch entries, expressions. Pure. */

const MAX_STATE_NAME = 80;
/** AWS caps Task timeouts (and Retry MaxAttempts) below 99999999. */
const MAX_SECONDS = 99_999_999;

function checkRetriers(out: DiagnosticCollector, list: unknown[], pointer: string, name: string, ql: QueryLanguage): void {
  for (let i = 0; i < list.length; i++) {
    const r = asJsonRecord(list[i]);
    if (!r) continue;
    const at = pointerJoin(pointer, 'Retry', i);
    const what = `${name} Retry[${i}]`;
    checkKnownFields(out, r, at, RETRIER_FIELDS, what, 'a Retrier', ql);
    checkNumberField(out, r, 'IntervalSeconds', at, what, { integer: true, min: 1, max: MAX_SECONDS });
    checkNumberField(out, r, 'MaxAttempts', at, what, { integer: true, min: 0, max: MAX_SECONDS });
    checkNumberField(out, r, 'BackoffRate', at, what, { min: 1 });
    checkNumberField(out, r, 'MaxDelaySeconds', at, what, { integer: true, above: 0, max: 31_622_400 });
    checkEnumField(out, r, 'JitterStrategy', at, what, ['FULL', 'NONE']);
    checkStringField(out, r, 'Comment', at, what);
  }
}

function checkCatchers(out: DiagnosticCollector, list: unknown[], pointer: string, name: string, ql: QueryLanguage): void {
  for (let i = 0; i < list.length; i++) {
    const c = asJsonRecord(list[i]);
    if (!c) continue;
    const at = pointerJoin(pointer, 'Catch', i);
    const what = `${name} Catch[${i}]`;
    checkKnownFields(out, c, at, CATCHER_FIELDS, what, 'a Catcher', ql);
    if (!Object.hasOwn(c, 'Next')) out.error('MISSING_REQUIRED_FIELD', pointerJoin(at, 'Next'), `${what} needs a Next`);
    checkStringField(out, c, 'Comment', at, what);
    if (ql === 'JSONata') {
      for (const f of ['Output', 'Assign']) if (Object.hasOwn(c, f)) checkJsonataValue(out, c[f], pointerJoin(at, f), `${what}.${f}`, IN_CATCH);
    } else {
      if (Object.hasOwn(c, 'Assign')) checkPayloadTemplate(out, c.Assign, pointerJoin(at, 'Assign'), `${what}.Assign`);
      if (Object.hasOwn(c, 'ResultPath') && c.ResultPath !== null && !(typeof c.ResultPath === 'string' && isReferencePath(c.ResultPath))) {
        out.error('INVALID_JSONPATH', pointerJoin(at, 'ResultPath'), `${what}: ResultPath must be null or a reference path ($ with single-child steps), not ${JSON.stringify(c.ResultPath)}`);
      }
    }
  }
}

function checkCredentials(out: DiagnosticCollector, state: JsonRecord, pointer: string, what: string, ql: QueryLanguage): void {
  if (!Object.hasOwn(state, 'Credentials')) return;
  const at = pointerJoin(pointer, 'Credentials');
  const c = asJsonRecord(state.Credentials);
  if (!c) {
    out.error('INVALID_FIELD_VALUE', at, `${what}: Credentials must be an object with a RoleArn`);
    return;
  }
  checkKnownFields(out, c, at, CREDENTIALS_FIELDS, `${what} Credentials`, 'Credentials', ql);
  if (ql === 'JSONata') {
    if (!Object.hasOwn(c, 'RoleArn')) out.error('MISSING_REQUIRED_FIELD', pointerJoin(at, 'RoleArn'), `${what}: Credentials needs a RoleArn`);
    checkJsonataValue(out, c, at, `${what}.Credentials`, BEFORE_RESULT);
  } else {
    checkExactlyOne(out, c, ['RoleArn', 'RoleArn.$'], at, `${what} Credentials`);
    checkPayloadTemplate(out, c, at, `${what}.Credentials`);
  }
}

function checkTask(out: DiagnosticCollector, state: JsonRecord, pointer: string, what: string, ql: QueryLanguage): void {
  if (Object.hasOwn(state, 'Resource') && !isResourceUri(state.Resource)) {
    out.error('INVALID_RESOURCE', pointerJoin(pointer, 'Resource'), `${what}: Resource must be a URI (e.g. arn:aws:states:::lambda:invoke), not ${JSON.stringify(state.Resource)}`);
  }
  const jsonata = ql === 'JSONata';
  checkNumberField(out, state, 'TimeoutSeconds', pointer, what, { integer: true, above: 0, max: MAX_SECONDS, jsonata });
  checkNumberField(out, state, 'HeartbeatSeconds', pointer, what, { integer: true, above: 0, max: MAX_SECONDS, jsonata });
  checkReferencePathField(out, state, 'TimeoutSecondsPath', pointer, what);
  checkReferencePathField(out, state, 'HeartbeatSecondsPath', pointer, what);
  checkExclusive(out, state, ['TimeoutSeconds', 'TimeoutSecondsPath'], pointer, what);
  checkExclusive(out, state, ['HeartbeatSeconds', 'HeartbeatSecondsPath'], pointer, what);
  const { TimeoutSeconds: timeout, HeartbeatSeconds: heartbeat } = state;
  if (typeof timeout === 'number' && typeof heartbeat === 'number' && heartbeat >= timeout) {
    out.error('HEARTBEAT_NOT_BELOW_TIMEOUT', pointerJoin(pointer, 'HeartbeatSeconds'), `${what}: HeartbeatSeconds (${heartbeat}) must be below TimeoutSeconds (${timeout})`);
  }
  checkCredentials(out, state, pointer, what, ql);
  if (jsonata) {
    for (const f of ['TimeoutSeconds', 'HeartbeatSeconds']) if (Object.hasOwn(state, f)) checkJsonataValue(out, state[f], pointerJoin(pointer, f), `${what}.${f}`, BEFORE_RESULT);
  }
}

function checkWait(out: DiagnosticCollector, state: JsonRecord, pointer: string, what: string, ql: QueryLanguage): void {
  const jsonata = ql === 'JSONata';
  checkExactlyOne(out, state, jsonata ? ['Seconds', 'Timestamp'] : ['Seconds', 'Timestamp', 'SecondsPath', 'TimestampPath'], pointer, what);
  checkNumberField(out, state, 'Seconds', pointer, what, { integer: true, min: 0, max: MAX_SECONDS, jsonata });
  checkReferencePathField(out, state, 'SecondsPath', pointer, what);
  checkReferencePathField(out, state, 'TimestampPath', pointer, what);
  if (Object.hasOwn(state, 'Timestamp') && !(jsonata && isJsonataString(state.Timestamp)) && !isRfc3339Timestamp(state.Timestamp)) {
    out.error('INVALID_TIMESTAMP', pointerJoin(pointer, 'Timestamp'), `${what}: Timestamp ${JSON.stringify(state.Timestamp)} is not an RFC 3339 timestamp (e.g. 2026-01-31T12:00:00Z)`);
  }
  if (jsonata) {
    for (const f of ['Seconds', 'Timestamp']) if (Object.hasOwn(state, f)) checkJsonataValue(out, state[f], pointerJoin(pointer, f), `${what}.${f}`, BEFORE_RESULT);
  }
}

function checkFail(out: DiagnosticCollector, state: JsonRecord, pointer: string, what: string, ql: QueryLanguage): void {
  for (const [literal, path] of [
    ['Error', 'ErrorPath'],
    ['Cause', 'CausePath'],
  ] as const) {
    checkStringField(out, state, literal, pointer, what);
    checkExclusive(out, state, [literal, path], pointer, what);
    if (ql === 'JSONata') {
      if (Object.hasOwn(state, literal)) checkJsonataValue(out, state[literal], pointerJoin(pointer, literal), `${what}.${literal}`, BEFORE_RESULT);
    } else if (Object.hasOwn(state, path)) {
      checkPathOrIntrinsic(out, state[path], pointerJoin(pointer, path), what, path);
    }
  }
}

function checkParallel(out: DiagnosticCollector, state: JsonRecord, pointer: string, what: string): void {
  const branches = state.Branches;
  if (!Array.isArray(branches)) return;
  const at = pointerJoin(pointer, 'Branches');
  if (branches.length === 0) out.error('INVALID_FIELD_VALUE', at, `${what}: Branches must hold at least one branch`);
  for (let i = 0; i < branches.length; i++) {
    if (!asJsonRecord(branches[i])) out.error('INVALID_FIELD_VALUE', pointerJoin(at, i), `${what}: Branches[${i}] must be a state machine (an object with StartAt and States), not ${Array.isArray(branches[i]) ? 'an array' : JSON.stringify(branches[i])}`);
  }
}

/** Output / Assign / Arguments of any JSONata state; Assign of any JSONPath state. */
function checkDataFields(out: DiagnosticCollector, state: JsonRecord, pointer: string, what: string, type: StateType, ql: QueryLanguage): void {
  if (ql === 'JSONPath') {
    if (Object.hasOwn(state, 'Assign')) checkPayloadTemplate(out, state.Assign, pointerJoin(pointer, 'Assign'), `${what}.Assign`);
    return;
  }
  const runs = type === 'Task' || type === 'Parallel' || type === 'Map';
  for (const f of ['Output', 'Assign'] as const) {
    if (Object.hasOwn(state, f)) checkJsonataValue(out, state[f], pointerJoin(pointer, f), `${what}.${f}`, runs ? AFTER_RESULT : BEFORE_RESULT);
  }
  if (Object.hasOwn(state, 'Arguments')) checkJsonataValue(out, state.Arguments, pointerJoin(pointer, 'Arguments'), `${what}.Arguments`, BEFORE_RESULT);
}

export function checkStateName(out: DiagnosticCollector, name: string, pointer: string): void {
  if (name.length > 0 && name.length <= MAX_STATE_NAME) return; // UTF-16 length >= characters
  const length = [...name].length;
  if (length === 0 || length > MAX_STATE_NAME) out.error('INVALID_STATE_NAME', pointer, `state name ${JSON.stringify(name.slice(0, 90))} must be 1 to ${MAX_STATE_NAME} characters (it has ${length})`);
}

/** Every field-level rule of a state whose Type is one of the eight. */
export function checkStateFields(out: DiagnosticCollector, state: JsonRecord, name: string, pointer: string, type: StateType, ql: QueryLanguage): void {
  const what = `${type} ${name}`;
  checkStringField(out, state, 'Comment', pointer, what);
  if (type === 'Task') checkTask(out, state, pointer, what, ql);
  else if (type === 'Wait') checkWait(out, state, pointer, what, ql);
  else if (type === 'Fail') checkFail(out, state, pointer, what, ql);
  else if (type === 'Parallel') checkParallel(out, state, pointer, what);
  else if (type === 'Map') checkMapConfiguration(out, state, pointer, name, ql);
  if (Array.isArray(state.Retry)) checkRetriers(out, state.Retry, pointer, what, ql);
  if (Array.isArray(state.Catch)) checkCatchers(out, state.Catch, pointer, what, ql);
  checkDataFields(out, state, pointer, what, type, ql);
}
