import { pointerJoin } from './json-pointer.js';
import { asJsonRecord, isJsonRecord, type JsonRecord } from './json-record.js';
import { jsonataOutputKeys } from './jsonata-output-writes.js';
import { intrinsicPathArguments, isIntrinsicCall, pathPrefixSegments } from './jsonpath-syntax.js';

/** A path a state reads or writes: segments from the state root (`$`), or from a variable (`$name`). */
export interface AccessPath {
  /** e.g. ['research_result', 'status'], or ['$myVar', 'x'] for a variable. [] is the whole state. */
  segments: string[];
  /** The field it comes from (JSON Pointer). */
  field: string;
  /** How it was written in the definition. */
  text: string;
  /** For a write made by a catcher: the state the catcher goes to (the write only flows there). */
  catchNext?: string;
}

export interface DataAccess {
  reads: AccessPath[];
  writes: AccessPath[];
}

/** `$.a.b` text of segments, for messages. */
export function accessPathText(segments: readonly string[]): string {
  if (segments[0]?.startsWith('$')) return [segments[0], ...segments.slice(1)].join('.');
  return ['$', ...segments].join('.');
}

function readOf(path: string, inputPrefix: string[] | null, field: string): AccessPath | null {
  if (inputPrefix === null) return null;
  const segments = pathPrefixSegments(path);
  if (segments === null) return null;
  const variable = segments[0]?.startsWith('$') === true;
  return { segments: variable ? segments : [...inputPrefix, ...segments], field, text: path };
}

function templateReads(value: unknown, pointer: string, prefix: string[] | null, out: AccessPath[]): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      templateReads(v, pointerJoin(pointer, i), prefix, out);
    });
    return;
  }
  if (!isJsonRecord(value)) {
    if (typeof value === 'string') jsonataReads(value, pointer, out);
    return;
  }
  for (const [key, inner] of Object.entries(value)) {
    const at = pointerJoin(pointer, key);
    if (key.endsWith('.$') && typeof inner === 'string') {
      const paths = isIntrinsicCall(inner) ? intrinsicPathArguments(inner) : [inner];
      for (const p of paths) {
        const r = readOf(p, prefix, at);
        if (r) out.push(r);
      }
    } else {
      templateReads(inner, at, prefix, out);
    }
  }
}

/** Reads inside a JSONata expression string: `$states.input.a.b` and `$var.x`. */
function jsonataReads(text: string, field: string, out: AccessPath[]): void {
  if (!text.includes('{%')) return;
  for (const m of text.matchAll(/\$states\.input((?:\.[A-Za-z_][A-Za-z0-9_]*)*)/g)) {
    out.push({ segments: m[1]!.split('.').filter((s) => s !== ''), field, text: m[0] });
  }
  for (const m of text.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)((?:\.[A-Za-z_][A-Za-z0-9_]*)*)/g)) {
    if (m[1] === 'states' || (m.index > 0 && /[A-Za-z0-9_]/.test(text[m.index - 1]!))) continue;
    if (/^\s*\(/.test(text.slice(m.index + m[0].length))) continue; // a function call such as $merge(…)
    out.push({ segments: [`$${m[1]}`, ...m[2]!.split('.').filter((s) => s !== '')], field, text: m[0] });
  }
}

function choiceReads(rule: unknown, pointer: string, prefix: string[] | null, out: AccessPath[]): void {
  const r = asJsonRecord(rule);
  if (!r) return;
  for (const [key, value] of Object.entries(r)) {
    const at = pointerJoin(pointer, key);
    if ((key === 'Variable' || key.endsWith('Path')) && typeof value === 'string') {
      const read = readOf(value, prefix, at);
      if (read) out.push(read);
    } else if ((key === 'And' || key === 'Or') && Array.isArray(value)) {
      value.forEach((inner, i) => {
        choiceReads(inner, pointerJoin(at, i), prefix, out);
      });
    } else if (key === 'Not') {
      choiceReads(value, at, prefix, out);
    } else if (key === 'Condition' && typeof value === 'string') {
      jsonataReads(value, at, out);
    }
  }
}

const READ_PATH_FIELDS = ['SecondsPath', 'TimestampPath', 'TimeoutSecondsPath', 'HeartbeatSecondsPath', 'ItemsPath', 'ErrorPath', 'CausePath', 'MaxConcurrencyPath', 'ToleratedFailurePercentagePath', 'ToleratedFailureCountPath'];

/**
 * What a state reads from and writes to the execution's state (and variables). Reads: InputPath,
 * payload-template paths (relative to InputPath), Choice variables, `…Path` fields, JSONata
 * `$states.input…` and `$var` references, and the reads of states nested in its branches / processor.
 * Writes: ResultPath (default `$` for Task, Parallel, Map, and a Pass with Result or Parameters),
 * the JSONata Output (the keys of `$merge([$states.input, {…}])`, nothing for `$states.input`, else
 * the whole state; without Output a Task/Parallel/Map result replaces the state), Assign (variables),
 * and each catcher's ResultPath / Output / Assign (tagged with the catcher's target). ResultSelector
 * reads the task result, not the state, so it only shapes what ResultPath writes. Pure.
 */
export function stateDataAccess(state: JsonRecord, pointer: string, queryLanguage: 'JSONPath' | 'JSONata'): DataAccess {
  const reads: AccessPath[] = [];
  const writes: AccessPath[] = [];
  const type = state.Type;
  let prefix: string[] | null = [];
  if (queryLanguage === 'JSONPath' && Object.hasOwn(state, 'InputPath')) {
    if (state.InputPath === null) prefix = null;
    else if (typeof state.InputPath === 'string') {
      prefix = pathPrefixSegments(state.InputPath) ?? [];
      reads.push({ segments: prefix, field: pointerJoin(pointer, 'InputPath'), text: state.InputPath });
    }
  }
  for (const field of ['Parameters', 'ItemSelector', 'Credentials', 'Arguments', 'Output', 'Items']) {
    if (Object.hasOwn(state, field)) templateReads(state[field], pointerJoin(pointer, field), prefix, reads);
  }
  const reader = asJsonRecord(state.ItemReader);
  if (reader) templateReads(reader, pointerJoin(pointer, 'ItemReader'), prefix, reads);
  if (isJsonRecord(state.Assign)) templateReads(state.Assign, pointerJoin(pointer, 'Assign'), prefix, reads);
  for (const field of READ_PATH_FIELDS) {
    const v = state[field];
    if (typeof v === 'string') {
      const paths = isIntrinsicCall(v) ? intrinsicPathArguments(v) : [v];
      for (const p of paths) {
        const r = readOf(p, prefix, pointerJoin(pointer, field));
        if (r) reads.push(r);
      }
    }
  }
  for (const field of ['Seconds', 'Timestamp', 'TimeoutSeconds', 'HeartbeatSeconds', 'Error', 'Cause', 'MaxConcurrency']) {
    const v = state[field];
    if (typeof v === 'string') jsonataReads(v, pointerJoin(pointer, field), reads);
  }
  if (type === 'Choice' && Array.isArray(state.Choices)) {
    state.Choices.forEach((rule, i) => {
      choiceReads(rule, pointerJoin(pointer, 'Choices', i), prefix, reads);
    });
  }
  // Nested scopes read the state too (their input is derived from this state's input).
  const nested: [JsonRecord, string][] = [];
  if (type === 'Parallel' && Array.isArray(state.Branches)) {
    state.Branches.forEach((b, i) => {
      const r = asJsonRecord(b);
      if (r) nested.push([r, pointerJoin(pointer, 'Branches', i)]);
    });
  }
  for (const field of ['ItemProcessor', 'Iterator']) {
    const r = asJsonRecord(state[field]);
    if (type === 'Map' && r) nested.push([r, pointerJoin(pointer, field)]);
  }
  for (const [scope, scopePointer] of nested) {
    for (const [name, inner] of Object.entries(asJsonRecord(scope.States) ?? {})) {
      const s = asJsonRecord(inner);
      if (!s) continue;
      const innerLanguage = s.QueryLanguage === 'JSONata' || (s.QueryLanguage === undefined && queryLanguage === 'JSONata') ? 'JSONata' : 'JSONPath';
      reads.push(...stateDataAccess(s, pointerJoin(scopePointer, 'States', name), innerLanguage).reads);
    }
  }
  const replacesState = type === 'Task' || type === 'Parallel' || type === 'Map';
  if (queryLanguage === 'JSONPath') {
    if (Object.hasOwn(state, 'ResultPath')) {
      if (typeof state.ResultPath === 'string') {
        const segments = pathPrefixSegments(state.ResultPath) ?? [];
        writes.push({ segments, field: pointerJoin(pointer, 'ResultPath'), text: state.ResultPath });
      }
    } else if (replacesState || (type === 'Pass' && (Object.hasOwn(state, 'Result') || Object.hasOwn(state, 'Parameters')))) {
      writes.push({ segments: [], field: pointer, text: '$ (default ResultPath)' });
    }
  } else {
    writes.push(...jsonataOutputWrites(state.Output, Object.hasOwn(state, 'Output'), replacesState, pointerJoin(pointer, 'Output')));
  }
  writes.push(...assignWrites(state.Assign, pointerJoin(pointer, 'Assign')));
  if (Array.isArray(state.Catch)) {
    state.Catch.forEach((c, i) => {
      const catcher = asJsonRecord(c);
      if (!catcher) return;
      const at = pointerJoin(pointer, 'Catch', i);
      for (const field of ['Output', 'Assign'] as const) {
        if (Object.hasOwn(catcher, field)) templateReads(catcher[field], pointerJoin(at, field), prefix, reads);
      }
      const via = typeof catcher.Next === 'string' ? { catchNext: catcher.Next } : {};
      const caught: AccessPath[] = [];
      if (queryLanguage === 'JSONPath') {
        if (!Object.hasOwn(catcher, 'ResultPath')) caught.push({ segments: [], field: at, text: '$ (default catcher ResultPath)' });
        else if (typeof catcher.ResultPath === 'string') {
          caught.push({ segments: pathPrefixSegments(catcher.ResultPath) ?? [], field: pointerJoin(at, 'ResultPath'), text: catcher.ResultPath });
        }
      } else {
        caught.push(...jsonataOutputWrites(catcher.Output, Object.hasOwn(catcher, 'Output'), true, pointerJoin(at, 'Output')));
      }
      caught.push(...assignWrites(catcher.Assign, pointerJoin(at, 'Assign')));
      writes.push(...caught.map((w) => ({ ...w, ...via })));
    });
  }
  return { reads, writes };
}

/** Writes of a JSONata `Output` (absent: the state's result replaces the whole state when `replaces`). */
function jsonataOutputWrites(output: unknown, present: boolean, replaces: boolean, field: string): AccessPath[] {
  if (!present) return replaces ? [{ segments: [], field, text: '$ (JSONata result)' }] : [];
  const keys = jsonataOutputKeys(output);
  if (keys === null) return [{ segments: [], field, text: '$ (JSONata Output)' }];
  return keys.map((k) => ({ segments: [k], field, text: `$.${k} (JSONata Output)` }));
}

/** Variables written by an `Assign` object (`name` or `name.$`). */
function assignWrites(assign: unknown, field: string): AccessPath[] {
  if (!isJsonRecord(assign)) return [];
  return Object.keys(assign).map((key) => {
    const name = key.endsWith('.$') ? key.slice(0, -2) : key;
    return { segments: [`$${name}`], field: pointerJoin(field, key), text: `$${name}` };
  });
}

/** Is `read` at or under `write`? Reading the whole state (`$`) never counts. */
export function readsUnder(read: readonly string[], write: readonly string[]): boolean {
  if (read.length === 0) return false;
  if (write.length > read.length) return false;
  return write.every((s, i) => read[i] === s);
}
