import { checkChoiceRules } from './check-choice-rules.js';
import { checkPayloadTemplate } from './check-expressions.js';
import { checkKnownFields } from './check-known-fields.js';
import { checkStateFields, checkStateName } from './check-state-fields.js';
import { definitionDepthProblem } from './definition-depth.js';
import type { Diagnostic } from './diagnostic.js';
import { DiagnosticCollector } from './diagnostic-collector.js';
import { ALL_STATE_FIELDS, BRANCH_FIELDS, MACHINE_FIELDS } from './field-catalog.js';
import { checkNumberField, checkStringField } from './field-value-checks.js';
import { pointerJoin } from './json-pointer.js';
import { asJsonRecord, isJsonRecord, type JsonRecord } from './json-record.js';
import { isPath, isReferencePath } from './jsonpath-syntax.js';
import type { SfEventSink } from './sf-event-types.js';
import type { Scope } from './state-scopes.js';
import { FIELD_RULES, isStateType, isTerminalState, queryLanguageOf, takesCatch, takesNext } from './state-types.js';
import { stronglyConnectedComponents } from './strongly-connected-components.js';
import { buildGraph, type TopologyGraph } from './topology-graph.js';

export interface ValidateOptions {
  /** Event sink (default: none). Receives one `sf_validate_outcome`. */
  emit?: SfEventSink;
}

const MESSAGES_ALL = 'States.ALL';
/** The field each type requires beyond Type (a Map's ItemProcessor-or-Iterator is checked apart). */
const REQUIRED_BY_TYPE: Readonly<Partial<Record<string, string>>> = { Task: 'Resource', Parallel: 'Branches', Choice: 'Choices' };

function checkJsonPathFields(out: DiagnosticCollector, name: string, state: JsonRecord, pointer: string): void {
  for (const field of ['InputPath', 'OutputPath'] as const) {
    if (!Object.hasOwn(state, field)) continue;
    const v = state[field];
    if (v !== null && !isPath(v)) {
      out.error('INVALID_JSONPATH', pointerJoin(pointer, field), `${name}: ${field} must be null or a path ($…), not ${JSON.stringify(v)}`);
    }
  }
  if (Object.hasOwn(state, 'ResultPath')) {
    const v = state.ResultPath;
    if (v !== null && !(typeof v === 'string' && isReferencePath(v))) {
      out.error(
        'INVALID_JSONPATH',
        pointerJoin(pointer, 'ResultPath'),
        `${name}: ResultPath must be null or a reference path ($ with single-child steps; no .., *, filters, slices or unions), not ${JSON.stringify(v)}`,
      );
    }
  }
  for (const field of ['Parameters', 'ResultSelector', 'ItemSelector'] as const) {
    if (Object.hasOwn(state, field)) checkPayloadTemplate(out, state[field], pointerJoin(pointer, field), `${name}.${field}`);
  }
}

function checkErrorEquals(out: DiagnosticCollector, list: unknown[], pointer: string, field: 'Retry' | 'Catch', name: string): void {
  list.forEach((entry, i) => {
    const e = asJsonRecord(entry);
    if (!e) {
      out.error('INVALID_FIELD_VALUE', pointerJoin(pointer, field, i), `${name}: ${field}[${i}] must be an object`);
      return;
    }
    const errors = e.ErrorEquals;
    if (!Array.isArray(errors) || errors.length === 0 || errors.some((x) => typeof x !== 'string')) {
      out.error('INVALID_FIELD_VALUE', pointerJoin(pointer, field, i, 'ErrorEquals'), `${name}: ${field}[${i}].ErrorEquals must be a non-empty array of error names`);
      return;
    }
    if (errors.includes(MESSAGES_ALL) && (errors.length > 1 || i !== list.length - 1)) {
      const why = errors.length > 1 ? 'must appear alone in its ErrorEquals' : `its ${field === 'Retry' ? 'retrier' : 'catcher'} must be the last`;
      out.error('STATES_ALL_NOT_LAST', pointerJoin(pointer, field, i, 'ErrorEquals'), `${name}: States.ALL ${why}`);
    }
    if (field === 'Catch' && Object.hasOwn(e, 'Next') && typeof e.Next !== 'string') {
      out.error('INVALID_FIELD_VALUE', pointerJoin(pointer, field, i, 'Next'), `${name}: Catch[${i}].Next must be a state name`);
    }
  });
}

function checkState(out: DiagnosticCollector, definition: JsonRecord, name: string, value: unknown, pointer: string): void {
  const state = asJsonRecord(value);
  if (!state) {
    out.error('INVALID_FIELD_VALUE', pointer, `state ${name} must be a JSON object`);
    return;
  }
  const type = state.Type;
  if (!Object.hasOwn(state, 'Type')) {
    out.error('MISSING_REQUIRED_FIELD', pointerJoin(pointer, 'Type'), `state ${name} has no Type`);
  } else if (!isStateType(type)) {
    out.error(
      'INVALID_STATE_TYPE',
      pointerJoin(pointer, 'Type'),
      `state ${name}: Type ${JSON.stringify(type)} is not one of Task, Pass, Choice, Wait, Succeed, Fail, Parallel, Map`,
    );
  }
  checkStateName(out, name, pointer);
  const ql = queryLanguageOf(state, definition);
  // One pass over the fields: unknown to every state type, or known but not for this type / language.
  for (const field in state) {
    if (!ALL_STATE_FIELDS.has(field)) {
      out.error('UNKNOWN_FIELD', pointerJoin(pointer, field), `state ${name}: ${field} is not a field of any ASL state`);
      continue;
    }
    if (!isStateType(type)) continue;
    const rule = FIELD_RULES[field]!;
    if (!rule.types.includes(type)) {
      out.error('FIELD_NOT_ALLOWED', pointerJoin(pointer, field), `${type} state ${name} may not have ${field}`);
    } else if (rule.only !== undefined && rule.only !== ql) {
      out.error('FIELD_NOT_ALLOWED', pointerJoin(pointer, field), `${field} is ${rule.only}-only; state ${name} uses ${ql}`);
    }
  }
  checkQueryLanguage(out, state.QueryLanguage, Object.hasOwn(state, 'QueryLanguage'), pointer, `state ${name}`, definition.QueryLanguage);
  if (isStateType(type)) {
    const need = REQUIRED_BY_TYPE[type];
    if (need && !Object.hasOwn(state, need)) {
      out.error('MISSING_REQUIRED_FIELD', pointerJoin(pointer, need), `${type} state ${name} has no ${need}`);
    }
    if (type === 'Map' && !Object.hasOwn(state, 'ItemProcessor') && !Object.hasOwn(state, 'Iterator')) {
      out.error('MISSING_REQUIRED_FIELD', pointerJoin(pointer, 'ItemProcessor'), `Map state ${name} has neither ItemProcessor nor Iterator`);
    }
    for (const field of ['Choices', 'Branches', 'Retry', 'Catch'] as const) {
      if (Object.hasOwn(state, field) && !Array.isArray(state[field])) {
        out.error('INVALID_FIELD_VALUE', pointerJoin(pointer, field), `state ${name}: ${field} must be an array`);
      }
    }
  }
  if (takesNext(type)) {
    const hasNext = Object.hasOwn(state, 'Next');
    if (hasNext && typeof state.Next !== 'string') {
      out.error('INVALID_FIELD_VALUE', pointerJoin(pointer, 'Next'), `state ${name}: Next must be a state name`);
    }
    if (Object.hasOwn(state, 'End') && typeof state.End !== 'boolean') {
      out.error('INVALID_FIELD_VALUE', pointerJoin(pointer, 'End'), `state ${name}: End must be true or false`);
    }
    if (hasNext && state.End === true) {
      out.error('NEXT_AND_END', pointer, `state ${name} has both Next and "End": true`);
    } else if (!hasNext && state.End !== true) {
      out.error('MISSING_NEXT_OR_END', pointer, `state ${name} has neither Next nor "End": true`);
    }
  }
  if (type === 'Choice') {
    if (!Object.hasOwn(state, 'Default')) {
      out.warning('CHOICE_NO_DEFAULT_WARNING', pointer, `Choice state ${name} has no Default: an input no rule matches fails with States.NoChoiceMatched`);
    } else if (typeof state.Default !== 'string') {
      out.error('INVALID_FIELD_VALUE', pointerJoin(pointer, 'Default'), `state ${name}: Default must be a state name`);
    }
    checkChoiceRules(out, state.Choices, pointer, name, ql);
  }
  if (takesCatch(type)) {
    for (const field of ['Retry', 'Catch'] as const) {
      const list = state[field];
      if (Array.isArray(list)) checkErrorEquals(out, list, pointer, field, name);
    }
  }
  if (isStateType(type) && ql === 'JSONPath') checkJsonPathFields(out, name, state, pointer);
  if (isStateType(type)) checkStateFields(out, state, name, pointer, type, ql);
}

/**
 * QueryLanguage must be JSONPath or JSONata, and a machine whose top-level language is JSONata may not
 * hold JSONPath states (AWS: a JSONata machine cannot be reverted to a mix).
 */
function checkQueryLanguage(out: DiagnosticCollector, value: unknown, present: boolean, pointer: string, what: string, machine: unknown): void {
  if (!present) return;
  const at = pointerJoin(pointer, 'QueryLanguage');
  if (value !== 'JSONPath' && value !== 'JSONata') {
    out.error('INVALID_QUERY_LANGUAGE', at, `${what}: QueryLanguage ${JSON.stringify(value)} is not JSONPath or JSONata`);
  } else if (value === 'JSONPath' && machine === 'JSONata' && pointer !== '') {
    out.error('INVALID_QUERY_LANGUAGE', at, `${what} is JSONPath in a machine whose top-level QueryLanguage is JSONata`);
  }
}

function checkScope(out: DiagnosticCollector, scope: Scope, definition: JsonRecord): void {
  const where = scope.pointer === '' ? 'the machine' : `scope ${scope.pointer}`;
  const ql = queryLanguageOf({}, definition);
  if (scope.kind === 'root') {
    checkKnownFields(out, scope.raw, '', MACHINE_FIELDS, 'the machine', 'a state machine', ql);
    checkNumberField(out, scope.raw, 'TimeoutSeconds', '', 'the machine', { integer: true, above: 0, max: 99_999_999 });
    checkStringField(out, scope.raw, 'Version', '', 'the machine');
    checkStringField(out, scope.raw, 'Comment', '', 'the machine');
  } else if (scope.kind === 'branch') {
    checkKnownFields(out, scope.raw, scope.pointer, BRANCH_FIELDS, where, 'a Parallel branch', ql);
  }
  if (!scope.hasStartAt) out.error('MISSING_START_AT', pointerJoin(scope.pointer, 'StartAt'), `${where} has no StartAt`);
  else if (typeof scope.raw.StartAt !== 'string') {
    out.error('INVALID_FIELD_VALUE', pointerJoin(scope.pointer, 'StartAt'), `${where}: StartAt must be a state name`);
  }
  if (!scope.hasStates) {
    out.error(Object.hasOwn(scope.raw, 'States') ? 'INVALID_FIELD_VALUE' : 'MISSING_STATES', pointerJoin(scope.pointer, 'States'), `${where} has no States object`);
    return;
  }
  const terminal = scope.names.some((name) => {
    const s = scope.states[name];
    return isJsonRecord(s) && isTerminalState(s);
  });
  if (!terminal) {
    out.error('NO_TERMINAL', pointerJoin(scope.pointer, 'States'), `${where} has no Succeed, Fail or "End": true state`);
  }
  for (const name of scope.names) {
    const value = scope.states[name];
    checkState(out, definition, name, value, pointerJoin(scope.pointer, 'States', name));
  }
}

function knownUnreachable(graph: TopologyGraph, stateId: string): boolean {
  if (graph.reachableInScope(stateId) === false) return true;
  const node = graph.states.get(stateId);
  const owner = node ? graph.scopeByPointer.get(node.scope)?.owner : null;
  return owner ? knownUnreachable(graph, owner.pointer) : false;
}

function checkGraph(out: DiagnosticCollector, graph: TopologyGraph): void {
  for (const t of graph.transitions) {
    if (t.resolution === 'edge') continue;
    const from = t.from === null ? `StartAt of ${t.scope === '' ? 'the machine' : t.scope}` : graph.states.get(t.from)!.name;
    if (t.resolution === 'dangling') {
      out.error('DANGLING_TARGET', t.field, `${from}: target ${JSON.stringify(t.target)} exists nowhere in the machine`);
    } else if (t.resolution === 'escape') {
      const there = graph.states.get(t.to!)!;
      out.error(
        'BRANCH_ESCAPE',
        t.field,
        `${from}: target ${JSON.stringify(t.target)} is in another scope (${there.scope === '' ? 'the root' : there.scope}); a transition may not leave or enter a branch or Map processor`,
      );
    }
  }
  for (const [name, list] of graph.statesByName) {
    if (list.length < 2) continue;
    for (const node of list) {
      out.error('DUPLICATE_STATE_NAME', node.id, `state name ${name} appears in ${list.length} States objects; names must be unique in the whole machine`);
    }
  }
  for (const scope of graph.scopes) {
    if (!graph.startOf(scope.pointer)) continue;
    if (scope.owner && knownUnreachable(graph, scope.owner.pointer)) continue;
    const ids = scope.names.map((name) => graph.stateIn(scope.pointer, name)!.id);
    for (const id of ids) {
      if (graph.reachableInScope(id) === false) {
        out.error('UNREACHABLE_STATE', id, `state ${graph.states.get(id)!.name} cannot be reached from StartAt ${scope.startAt}`);
      }
    }
    const hasTerminal = ids.some((id) => isTerminalState(graph.states.get(id)!.raw));
    if (!hasTerminal) continue;
    const reachesTerminal = graph.reaching(ids.filter((id) => isTerminalState(graph.states.get(id)!.raw)));
    // A trap is a reachable state that reaches no terminal; everything it reaches reaches none either,
    // so its whole cycle lies among such states: the components are only computed over them.
    const trapped = ids.filter((id) => graph.reachableInScope(id) === true && !reachesTerminal.has(id));
    if (trapped.length === 0) continue;
    for (const component of stronglyConnectedComponents(trapped, graph.successors)) {
      const cyclic = component.length > 1 || graph.successors(component[0]!).includes(component[0]!);
      if (!cyclic) continue;
      for (const id of component) {
        out.warning('TRAP_CYCLE_WARNING', id, `state ${graph.states.get(id)!.name} is on a cycle from which no terminal state can be reached`);
      }
    }
  }
}

/**
 * Validate a definition (an already-parsed JSON value). Returns diagnostics with RFC 6901 paths; an
 * empty list or only warnings means valid. Pure; never throws on bad input.
 */
export function validate(definition: unknown, options: ValidateOptions = {}): Diagnostic[] {
  return validateWithScopes(definition, options).diagnostics;
}

/** validate(), also returning the scopes it found (so lint() need not collect them again). */
export function validateWithScopes(definition: unknown, options: ValidateOptions = {}): { diagnostics: Diagnostic[]; scopes: Scope[] | undefined } {
  const out = new DiagnosticCollector();
  const root = asJsonRecord(definition);
  let scopes: Scope[] | undefined;
  const tooDeep = root ? definitionDepthProblem(root) : null;
  if (!root) {
    out.error('INVALID_FIELD_VALUE', '', 'a state machine definition must be a JSON object');
  } else if (tooDeep !== null) {
    out.error('INVALID_FIELD_VALUE', '', tooDeep);
  } else {
    const graph = buildGraph(root);
    scopes = graph.scopes;
    checkQueryLanguage(out, root.QueryLanguage, Object.hasOwn(root, 'QueryLanguage'), '', 'the machine', root.QueryLanguage);
    for (const scope of graph.scopes) checkScope(out, scope, root);
    checkGraph(out, graph);
  }
  const errors = out.list.filter((d) => d.severity === 'error').length;
  options.emit?.({ event: 'sf_validate_outcome', valid: errors === 0, errors, warnings: out.list.length - errors });
  return { diagnostics: out.list, scopes };
}
