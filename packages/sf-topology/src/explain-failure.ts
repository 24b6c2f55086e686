import { definitionDepthProblem } from './definition-depth.js';
import { ExplainError } from './explain-error.js';
import { asJsonRecord, isJsonRecord, type JsonRecord } from './json-record.js';
import { evaluateJsonataIdiom, type JsonataStates } from './jsonata-idioms.js';
import { siblingBranches } from './state-scopes.js';
import { queryLanguageOf, takesCatch } from './state-types.js';
import { evaluateTemplate, readKnown, writeKnown } from './symbolic-state.js';
import { buildGraph, type GraphState, type TopologyGraph } from './topology-graph.js';

export type ExplainEvent =
  | 'fails'
  | 'retried'
  | 'caught'
  | 'escapes'
  | 'enters'
  | 'choice'
  | 'branch_completes'
  | 'branch_cancelled'
  | 'join'
  | 'ends';

export interface ExplainStep {
  state: string;
  /** JSON Pointer of the state. */
  path: string;
  event: ExplainEvent;
  detail: string;
}

export interface FailureExplanation {
  state: string;
  error: string;
  steps: ExplainStep[];
  outcome: {
    /** FAILED / SUCCEEDED, or UNDETERMINED when the path loops or depends on unknown data throughout. */
    status: 'FAILED' | 'SUCCEEDED' | 'UNDETERMINED';
    /** The state where the execution ends. */
    endState: string | null;
    error?: string;
    cause?: string;
  };
  /** Sibling branches the failure cancels (its error escaped a Parallel branch). */
  cancelledBranches: string[];
  /** What the analysis had to assume (Choice rules on unknown data, retries exhausted, …). */
  assumptions: string[];
}

export interface ExplainOptions {
  /** The error name the state fails with (default States.TaskFailed). */
  error?: string;
}

const MAX_STEPS = 1000;

function errorMatches(list: unknown, error: string): boolean {
  if (!Array.isArray(list)) return false;
  if (list.includes('States.ALL') || list.includes(error)) return true;
  return list.includes('States.TaskFailed') && !error.startsWith('States.');
}

type Tri = boolean | undefined;

const COMPARE: Record<string, (a: unknown, b: unknown) => boolean> = {
  StringEquals: (a, b) => a === b,
  BooleanEquals: (a, b) => a === b,
  NumericEquals: (a, b) => a === b,
  TimestampEquals: (a, b) => a === b,
  NumericLessThan: (a, b) => typeof a === 'number' && typeof b === 'number' && a < b,
  NumericGreaterThan: (a, b) => typeof a === 'number' && typeof b === 'number' && a > b,
  NumericLessThanEquals: (a, b) => typeof a === 'number' && typeof b === 'number' && a <= b,
  NumericGreaterThanEquals: (a, b) => typeof a === 'number' && typeof b === 'number' && a >= b,
};

function evaluateRule(rule: unknown, doc: JsonRecord): Tri {
  const r = asJsonRecord(rule);
  if (!r) return undefined;
  if (Object.hasOwn(r, 'Condition')) {
    const k = evaluateJsonataIdiom(r.Condition, { input: doc });
    return k.known && typeof k.value === 'boolean' ? k.value : undefined;
  }
  if (Array.isArray(r.And)) {
    const parts = r.And.map((x) => evaluateRule(x, doc));
    return parts.includes(false) ? false : parts.every((p) => p === true) ? true : undefined;
  }
  if (Array.isArray(r.Or)) {
    const parts = r.Or.map((x) => evaluateRule(x, doc));
    return parts.includes(true) ? true : parts.every((p) => p === false) ? false : undefined;
  }
  if (Object.hasOwn(r, 'Not')) {
    const inner = evaluateRule(r.Not, doc);
    return inner === undefined ? undefined : !inner;
  }
  if (typeof r.Variable !== 'string') return undefined;
  const v = readKnown(doc, r.Variable);
  if (Object.hasOwn(r, 'IsPresent')) return v.known ? r.IsPresent === true : undefined;
  if (!v.known) return undefined;
  for (const [op, test] of Object.entries(COMPARE)) {
    if (Object.hasOwn(r, op)) return test(v.value, r[op]);
    const pathOp = `${op}Path`;
    if (typeof r[pathOp] === 'string') {
      const other = readKnown(doc, r[pathOp] as string);
      return other.known ? test(v.value, other.value) : undefined;
    }
  }
  if (Object.hasOwn(r, 'IsNull')) return (v.value === null) === (r.IsNull === true);
  if (Object.hasOwn(r, 'IsString')) return (typeof v.value === 'string') === (r.IsString === true);
  if (Object.hasOwn(r, 'IsBoolean')) return (typeof v.value === 'boolean') === (r.IsBoolean === true);
  if (Object.hasOwn(r, 'IsNumeric')) return (typeof v.value === 'number') === (r.IsNumeric === true);
  return undefined;
}

class Walker {
  readonly steps: ExplainStep[] = [];
  readonly cancelled: string[] = [];
  readonly assumptions: string[] = [];
  private visits = new Map<string, number>();
  outcome: FailureExplanation['outcome'] = { status: 'UNDETERMINED', endState: null };

  constructor(
    private readonly graph: TopologyGraph,
    private readonly definition: JsonRecord,
  ) {}

  private jsonata(node: GraphState): boolean {
    return queryLanguageOf(node.raw, this.definition) === 'JSONata';
  }

  /** A JSONata state's output: its Output evaluated on what is known, else `otherwise`. Unknown → {} (nothing known). */
  private output(fields: JsonRecord, states: JsonataStates, otherwise: unknown): JsonRecord {
    if (!Object.hasOwn(fields, 'Output')) return isJsonRecord(otherwise) ? otherwise : {};
    const k = evaluateJsonataIdiom(fields.Output, states);
    return k.known && isJsonRecord(k.value) ? k.value : {};
  }

  private step(node: GraphState, event: ExplainEvent, detail: string): void {
    this.steps.push({ state: node.name, path: node.id, event, detail });
  }

  private target(node: GraphState, name: string): GraphState | undefined {
    return this.graph.stateIn(node.scope, name);
  }

  /** `node` fails with `error`: Retry, Catch, else the error escapes its scope. */
  fail(node: GraphState, error: string, cause: string | undefined, doc: JsonRecord): void {
    this.step(node, 'fails', `fails with ${error}`);
    const s = node.raw;
    if (takesCatch(s.Type)) {
      const retriers = Array.isArray(s.Retry) ? s.Retry : [];
      const retrier = retriers.map(asJsonRecord).find((r) => r && errorMatches(r.ErrorEquals, error));
      if (retrier) {
        const attempts = typeof retrier.MaxAttempts === 'number' ? retrier.MaxAttempts : 3;
        this.step(node, 'retried', attempts === 0 ? 'a matching retrier has MaxAttempts 0: no retry' : `retried up to ${attempts} time(s); the failure is assumed to persist`);
        if (attempts > 0) this.assumptions.push(`${node.name} still fails after ${attempts} retr${attempts === 1 ? 'y' : 'ies'}`);
      }
      const catchers = Array.isArray(s.Catch) ? s.Catch : [];
      const index = catchers.findIndex((c) => errorMatches(asJsonRecord(c)?.ErrorEquals, error));
      if (index >= 0) {
        const catcher = asJsonRecord(catchers[index])!;
        const to = typeof catcher.Next === 'string' ? this.target(node, catcher.Next) : undefined;
        this.step(node, 'caught', `Catch[${index}] (${JSON.stringify(catcher.ErrorEquals)}) → ${String(catcher.Next)}`);
        if (!to) {
          this.end('UNDETERMINED', node, `catch target ${String(catcher.Next)} is not in the scope`);
          return;
        }
        const errorObject = { Error: error, Cause: cause ?? `${node.name} failed` };
        const next = this.jsonata(node)
          ? this.output(catcher, { input: doc, errorOutput: errorObject }, errorObject)
          : Object.hasOwn(catcher, 'ResultPath')
            ? writeKnown(doc, catcher.ResultPath as string | null, errorObject)
            : writeKnown(doc, '$', errorObject);
        this.run(to, next);
        return;
      }
    }
    this.escape(node, error, cause);
  }

  /** The error leaves the scope of `node`. */
  private escape(node: GraphState, error: string, cause: string | undefined): void {
    const scope = this.graph.scopeByPointer.get(node.scope)!;
    if (scope.owner === null) {
      this.step(node, 'escapes', `${error} is not caught: the execution fails`);
      this.outcome = { status: 'FAILED', endState: node.name, error, ...(cause === undefined ? {} : { cause }) };
      return;
    }
    const owner = this.graph.states.get(scope.owner.pointer)!;
    if (scope.kind === 'branch') {
      const siblings = siblingBranches(owner.raw, scope.slot as number).map((b) => `${owner.name} ${b}`);
      this.cancelled.push(...siblings);
      this.step(node, 'escapes', `${error} escapes branch ${String(scope.slot)} of ${owner.name}: ${owner.name} fails and cancels ${siblings.join(', ') || 'no sibling'}`);
      for (const s of siblings) this.steps.push({ state: owner.name, path: owner.id, event: 'branch_cancelled', detail: s });
    } else {
      this.step(node, 'escapes', `${error} escapes the item processor of ${owner.name}: the Map fails`);
    }
    this.fail(owner, error, cause, {});
  }

  private end(status: FailureExplanation['outcome']['status'], node: GraphState, detail: string, extra: Partial<FailureExplanation['outcome']> = {}): void {
    this.step(node, 'ends', detail);
    this.outcome = { status, endState: node.name, ...extra };
  }

  /** The scope of `node` completed normally with `doc`. */
  private complete(node: GraphState, doc: JsonRecord): void {
    const scope = this.graph.scopeByPointer.get(node.scope)!;
    if (scope.owner === null) {
      this.end('SUCCEEDED', node, 'the execution succeeds');
      return;
    }
    const owner = this.graph.states.get(scope.owner.pointer)!;
    if (scope.kind === 'branch') {
      const count = Array.isArray(owner.raw.Branches) ? owner.raw.Branches.length : 0;
      this.step(node, 'branch_completes', `branch ${String(scope.slot)} of ${owner.name} completes; its siblings are not cancelled and run to their own end`);
      const results: unknown[] = Array.from({ length: count }, () => undefined);
      results[scope.slot as number] = doc;
      if (count > 1) this.assumptions.push(`the other branches of ${owner.name} complete (their outputs are unknown)`);
      this.join(owner, results);
    } else {
      this.step(node, 'branch_completes', `an iteration of ${owner.name} completes`);
      this.join(owner, undefined);
    }
  }

  private join(owner: GraphState, result: unknown): void {
    const s = owner.raw;
    let doc: JsonRecord;
    if (this.jsonata(owner)) {
      doc = this.output(s, { input: {}, ...(result === undefined ? {} : { result }) }, result);
    } else {
      let value: unknown = result;
      if (isJsonRecord(s.ResultSelector)) value = evaluateTemplate(s.ResultSelector, result);
      doc = writeKnown({}, Object.hasOwn(s, 'ResultPath') ? (s.ResultPath as string | null) : '$', value);
    }
    this.step(owner, 'join', `${owner.name} joins; continues with its Next`);
    this.after(owner, doc);
  }

  /** Leave `node` normally. */
  private after(node: GraphState, doc: JsonRecord): void {
    const s = node.raw;
    if (s.End === true) {
      this.complete(node, doc);
      return;
    }
    const to = typeof s.Next === 'string' ? this.target(node, s.Next) : undefined;
    if (!to) {
      this.end('UNDETERMINED', node, `Next ${String(s.Next)} is not in the scope`);
      return;
    }
    this.run(to, doc);
  }

  run(node: GraphState, doc: JsonRecord): void {
    if (this.steps.length > MAX_STEPS) {
      this.end('UNDETERMINED', node, 'the analysis gave up (too many steps)');
      return;
    }
    const visits = (this.visits.get(node.id) ?? 0) + 1;
    this.visits.set(node.id, visits);
    if (visits > 2) {
      this.end('UNDETERMINED', node, `${node.name} is reached again: the path loops on data the analysis cannot know`);
      return;
    }
    const s = node.raw;
    this.step(node, 'enters', `${String(s.Type)}`);
    switch (s.Type) {
      case 'Pass': {
        if (this.jsonata(node)) {
          this.after(node, this.output(s, { input: doc }, doc));
          return;
        }
        const result = Object.hasOwn(s, 'Parameters') ? evaluateTemplate(s.Parameters, doc) : Object.hasOwn(s, 'Result') ? s.Result : doc;
        const next = Object.hasOwn(s, 'ResultPath') ? writeKnown(doc, s.ResultPath as string | null, result) : writeKnown(doc, '$', result);
        this.after(node, next);
        return;
      }
      case 'Task':
      case 'Parallel':
      case 'Map': {
        if (this.jsonata(node)) {
          this.after(node, this.output(s, { input: doc }, undefined));
          return;
        }
        const next = Object.hasOwn(s, 'ResultPath') ? writeKnown(doc, s.ResultPath as string | null, undefined) : {};
        this.after(node, next);
        return;
      }
      case 'Wait':
      {
        this.after(node, doc);
        return;
      }
      case 'Succeed':
      {
        this.complete(node, doc);
        return;
      }
      case 'Fail': {
        const field = (f: 'Error' | 'Cause') => {
          const v = s[f];
          if (typeof v === 'string') return this.jsonata(node) ? evaluateJsonataIdiom(v, { input: doc }) : v;
          return typeof s[`${f}Path`] === 'string' ? readKnown(doc, s[`${f}Path`] as string) : undefined;
        };
        const error = field('Error');
        const cause = field('Cause');
        const name = typeof error === 'string' ? error : error?.known ? String(error.value) : '(error from data)';
        const why = typeof cause === 'string' ? cause : cause?.known ? String(cause.value) : undefined;
        this.escape(node, name, why);
        return;
      }
      case 'Choice': {
        const rules = Array.isArray(s.Choices) ? s.Choices : [];
        const unknown: number[] = [];
        for (const [i, rule] of rules.entries()) {
          const verdict = evaluateRule(rule, doc);
          if (verdict === undefined) unknown.push(i);
          if (verdict !== true) continue;
          const next = asJsonRecord(rule)?.Next;
          const to = typeof next === 'string' ? this.target(node, next) : undefined;
          this.step(node, 'choice', `rule ${i} matches → ${String(next)}`);
          if (unknown.length > 0) this.assumptions.push(`${node.name}: rule(s) ${unknown.join(', ')} do not match (they test data the analysis does not know)`);
          if (!to) {
            this.end('UNDETERMINED', node, `rule target ${String(next)} is not in the scope`);
            return;
          }
          this.run(to, doc);
          return;
        }
        if (unknown.length > 0) this.assumptions.push(`${node.name}: rule(s) ${unknown.join(', ')} do not match (they test data the analysis does not know)`);
        if (typeof s.Default === 'string') {
          const to = this.target(node, s.Default);
          this.step(node, 'choice', `no rule matches → Default ${s.Default}`);
          if (!to) {
            this.end('UNDETERMINED', node, `Default ${s.Default} is not in the scope`);
            return;
          }
          this.run(to, doc);
          return;
        }
        this.escape(node, 'States.NoChoiceMatched', `no rule of ${node.name} matched`);
        return;
      }
      default:
      {
        this.after(node, doc);
        return;
      }
    }
  }
}

/**
 * Where does the execution go if `stateName` fails? Follows Retry, Catch, branch terminals, the
 * Parallel join and Choice rules (evaluated on what the path itself wrote; rules on unknown data are
   * assumed not to match), and says where it ends. Pure.
 */
export function explainFailure(definition: unknown, stateName: string, options: ExplainOptions = {}): FailureExplanation {
  const root = asJsonRecord(definition);
  if (!root) throw new ExplainError('INVALID_DEFINITION', 'the definition must be a JSON object');
  const tooDeep = definitionDepthProblem(root);
  if (tooDeep !== null) throw new ExplainError('INVALID_DEFINITION', tooDeep);
  const graph = buildGraph(root);
  const matches = graph.statesByName.get(stateName) ?? [];
  if (matches.length === 0) throw new ExplainError('UNKNOWN_STATE', `no state named ${stateName} in the machine`);
  if (matches.length > 1) throw new ExplainError('AMBIGUOUS_STATE', `${matches.length} states are named ${stateName}: ${matches.map((m) => m.id).join(', ')}`);
  const node = matches[0]!;
  const error = options.error ?? 'States.TaskFailed';
  const walker = new Walker(graph, root);
  walker.fail(node, error, `${stateName} failed`, {});
  return { state: stateName, error, steps: walker.steps, outcome: walker.outcome, cancelledBranches: walker.cancelled, assumptions: walker.assumptions };
}
