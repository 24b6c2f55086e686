import type { StateMachineDefinition } from './asl-model.js';
import { accessPathText, readsUnder, stateDataAccess } from './data-access.js';
import { hasErrors } from './diagnostic.js';
import { asJsonRecord, type JsonRecord } from './json-record.js';
import { ParallelizeError, type ParallelizeErrorCode } from './parallelize-error.js';
import type { SfEventSink } from './sf-events.js';
import { takesCatch, takesNext } from './state-types.js';
import { buildGraph, type Edge, writtenTransitions } from './topology-graph.js';
import { isTerminalState, queryLanguageOf, validate } from './validate.js';

export interface ParallelizeOptions {
  /** A contiguous run of top-level states, in execution order. */
  chain: readonly string[];
  /** The chain split into groups (two or more), each run as one branch. A group's first state is its StartAt. */
  branches: Readonly<Record<string, readonly string[]>>;
  /** Name of the new Parallel state (default: the group names joined + "Parallel"). */
  name?: string;
  /** An existing top-level state that handles failures (default: new Fail states naming the branch). */
  failureHandler?: string;
  /** The state the chain continues to (default: inferred from the chain's exits; see the README). */
  successor?: string;
  emit?: SfEventSink;
}

export interface RewrittenTransition {
  /** State whose field changed. */
  state: string;
  /** JSON Pointer of the field in the input definition. */
  field: string;
  from: string;
  to: string;
}

export interface ParallelizedBranch {
  name: string;
  startAt: string;
  states: string[];
  completeTerminal: string;
  failedTerminal: string;
  /** `$.<field>` the terminals write OK / FAILED to. */
  statusField: string;
}

export interface ParallelizeResult {
  definition: StateMachineDefinition;
  parallelState: string;
  branches: ParallelizedBranch[];
  /** The chain's old successor, or null when the chain ended the machine (a Succeed was added). */
  successor: string | null;
  aggregateState: string;
  checkState: string;
  /** Transitions outside the chain that now enter the Parallel. */
  rewiredInbound: RewrittenTransition[];
  /** Transitions in a branch that left the chain (not for the successor) and now go to the FAILED terminal. */
  repointedToFailed: RewrittenTransition[];
  /** Every state the rewrite added. */
  addedStates: string[];
  /**
   * Top-level states outside the chain that only the chain reached (e.g. a failure notifier, when no
   * failure handler is given): unreachable after the rewrite, so removed.
   */
  removedStates: string[];
}

/** Where the Parallel keeps its (selected) result; the aggregate replaces it with the branch statuses. */
export const PARALLEL_RESULT_PATH = '$.parallel_result';
/** Where a branch's catchers keep the captured error (a non-root ResultPath: the state is kept). */
export const BRANCH_ERROR_PATH = '$.error';
/** The error name of the Fail states the rewrite adds (and of the error handed to a failure handler). */
export const PARALLEL_BRANCH_FAILED = 'ParallelBranchFailed';

const ALL = 'States.ALL';

function refuse(code: ParallelizeErrorCode, message: string, emit?: SfEventSink): never {
  emit?.({ event: 'sf_parallelize_refused', code, message });
  throw new ParallelizeError(code, message);
}

function snake(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toLowerCase();
}

function errorCatcher(ql: 'JSONPath' | 'JSONata', next: string): JsonRecord {
  return ql === 'JSONata'
    ? { ErrorEquals: [ALL], Output: "{% $merge([$states.input, {'error': $states.errorOutput}]) %}", Next: next }
    : { ErrorEquals: [ALL], ResultPath: BRANCH_ERROR_PATH, Next: next };
}

/**
 * Rewrite a contiguous chain of top-level states into one Parallel state whose branches are isolated:
 * each branch ends only in Pass terminals that record OK / FAILED as data, so a branch never throws and
 * never cancels its siblings; the failure is raised after the join. Pure: returns a new definition.
 * Throws ParallelizeError (nothing rewritten) when the groups are not data-independent, the chain is
 * not contiguous, or an edge enters a group anywhere but its first state.
 */
export function parallelize(definition: unknown, options: ParallelizeOptions): ParallelizeResult {
  const emit = options.emit;
  const input = asJsonRecord(definition);
  if (!input) refuse('INVALID_DEFINITION', 'the definition must be a JSON object', emit);
  const inputDiagnostics = validate(input);
  if (hasErrors(inputDiagnostics)) {
    const errors = inputDiagnostics.filter((d) => d.severity === 'error');
    const message = `the input definition has ${errors.length} validation error(s); first: ${errors[0]!.code} at ${errors[0]!.path}: ${errors[0]!.message}`;
    emit?.({ event: 'sf_parallelize_refused', code: 'INVALID_DEFINITION', message });
    throw new ParallelizeError('INVALID_DEFINITION', message, errors);
  }
  if (input.QueryLanguage === 'JSONata') {
    refuse('INVALID_DEFINITION', 'parallelize supports machines whose top-level QueryLanguage is JSONPath (JSONata states inside are fine)', emit);
  }
  const graph = buildGraph(input);
  const rootStates = asJsonRecord(input.States)!;
  const chain = [...options.chain];
  const where = (name: string) => {
    const found = graph.statesByName.get(name)?.[0];
    return found ? ` (it is in ${found.scope})` : ' (it does not exist)';
  };

  // 1. options
  if (chain.length === 0) refuse('INVALID_OPTIONS', 'the chain is empty', emit);
  const chainSet = new Set(chain);
  if (chainSet.size !== chain.length) refuse('INVALID_OPTIONS', 'the chain names a state twice', emit);
  for (const name of chain) {
    if (!graph.stateIn('', name)) refuse('INVALID_OPTIONS', `chain state ${name} is not a top-level state${where(name)}`, emit);
  }
  const keys = Object.keys(options.branches);
  if (keys.length < 2) refuse('INVALID_OPTIONS', `a Parallel needs at least two groups, got ${keys.length}`, emit);
  const groupOf = new Map<string, string>();
  for (const key of keys) {
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(key)) {
      refuse('INVALID_OPTIONS', `group name ${JSON.stringify(key)} must start with a letter and hold only letters, digits and _`, emit);
    }
    const members = options.branches[key]!;
    if (members.length === 0) refuse('INVALID_OPTIONS', `group ${key} is empty`, emit);
    for (const m of members) {
      if (!chainSet.has(m)) refuse('INVALID_OPTIONS', `group ${key} names ${m}, which is not in the chain`, emit);
      const other = groupOf.get(m);
      if (other !== undefined) refuse('INVALID_OPTIONS', `state ${m} is in both group ${other} and group ${key}`, emit);
      groupOf.set(m, key);
    }
  }
  for (const name of chain) {
    if (!groupOf.has(name)) refuse('INVALID_OPTIONS', `chain state ${name} is in no group`, emit);
  }
  const handler = options.failureHandler;
  if (handler !== undefined) {
    if (!graph.stateIn('', handler)) refuse('INVALID_OPTIONS', `failure handler ${handler} is not a top-level state${where(handler)}`, emit);
    if (chainSet.has(handler)) refuse('INVALID_OPTIONS', `failure handler ${handler} is inside the chain`, emit);
  }
  if (options.successor !== undefined) {
    if (!graph.stateIn('', options.successor) || chainSet.has(options.successor)) {
      refuse('INVALID_OPTIONS', `successor ${options.successor} must be a top-level state outside the chain`, emit);
    }
  }
  const taken = new Set(graph.statesByName.keys());
  if (options.name !== undefined) {
    if (options.name === '' || taken.has(options.name)) refuse('INVALID_OPTIONS', `Parallel name ${JSON.stringify(options.name)} is empty or already a state`, emit);
  }
  const unique = (base: string): string => {
    let name = base;
    for (let i = 2; taken.has(name); i++) name = `${base}_${i}`;
    taken.add(name);
    return name;
  };
  const first = new Map(keys.map((k) => [k, options.branches[k]![0]!]));
  const firsts = new Set(first.values());
  const order = new Map(keys.map((k) => [k, chain.indexOf(first.get(k)!)]));
  const idOf = (name: string) => graph.stateIn('', name)!.id;
  const nameOf = (id: string) => graph.states.get(id)!.name;
  const rootEdges: Edge[] = graph.edges.filter((e) => graph.states.get(e.from)!.scope === '' && graph.states.get(e.to)!.scope === '');

  // 2. contiguity and entries
  const seen = new Set([chain[0]!]);
  const stack = [chain[0]!];
  while (stack.length > 0) {
    const at = stack.pop()!;
    for (const e of graph.outgoing(idOf(at))) {
      const to = nameOf(e.to);
      if (chainSet.has(to) && !seen.has(to) && graph.states.get(e.to)!.scope === '') {
        seen.add(to);
        stack.push(to);
      }
    }
  }
  for (const name of chain) {
    if (!seen.has(name)) {
      refuse('NOT_CONTIGUOUS', `chain state ${name} is not reached from ${chain[0]} without leaving the chain: a state outside the chain lies between them, or the chain is not in execution order`, emit);
    }
  }
  const startAt = typeof input.StartAt === 'string' ? input.StartAt : '';
  if (chainSet.has(startAt) && !firsts.has(startAt)) {
    refuse('ENTRY_NOT_FIRST', `the machine's StartAt enters group ${groupOf.get(startAt)} at ${startAt}, not at its first state ${first.get(groupOf.get(startAt)!)}`, emit);
  }
  for (const e of rootEdges) {
    const from = nameOf(e.from);
    const to = nameOf(e.to);
    if (!chainSet.has(to)) continue;
    const target = groupOf.get(to)!;
    const source = groupOf.get(from);
    if (source === target) continue;
    if (to !== first.get(target)) {
      refuse('ENTRY_NOT_FIRST', `${from} (${e.field}) enters group ${target} at ${to}, not at its first state ${first.get(target)}`, emit);
    }
    if (source !== undefined && order.get(target)! < order.get(source)!) {
      refuse('NOT_CONTIGUOUS', `${from} in group ${source} goes back to group ${target} (${to}): groups must follow each other in chain order`, emit);
    }
  }

  // 3. the successor
  const successReach = new Set<string>();
  const successStack = [...graph.states.values()].filter((s) => s.scope === '' && s.type !== 'Fail' && isTerminalState(s.raw)).map((s) => s.id);
  for (const id of successStack) successReach.add(id);
  while (successStack.length > 0) {
    const id = successStack.pop()!;
    for (const e of graph.inbound(id)) {
      if (!successReach.has(e.from)) {
        successReach.add(e.from);
        successStack.push(e.from);
      }
    }
  }
  const exits = rootEdges.filter((e) => chainSet.has(nameOf(e.from)) && !chainSet.has(nameOf(e.to)));
  let successor: string | null = options.successor ?? null;
  if (options.successor === undefined) {
    const candidates = exits.filter((e) => e.kind !== 'catch' && nameOf(e.to) !== handler && successReach.has(e.to));
    const score = (e: Edge) => (e.kind === 'choice' ? 0 : 1) * 10_000 + chain.indexOf(nameOf(e.from));
    const best = [...candidates].sort((a, b) => score(b) - score(a))[0];
    successor = best ? nameOf(best.to) : null;
  }

  // 4. data independence
  const access = new Map(chain.map((name) => [name, stateDataAccess(rootStates[name] as JsonRecord, idOf(name), queryLanguageOf(rootStates[name] as JsonRecord, input))]));
  for (const g of keys) {
    for (const h of keys) {
      if (g === h) continue;
      for (const reader of options.branches[g]!) {
        for (const r of access.get(reader)!.reads) {
          for (const writer of options.branches[h]!) {
            const w = access.get(writer)!.writes.find((w) => readsUnder(r.segments, w.segments));
            if (w) {
              refuse(
                'NOT_DATA_INDEPENDENT',
                `group ${g} state ${reader} reads ${accessPathText(r.segments)} (${r.field}), which group ${h} state ${writer} writes (${w.text} at ${w.field}): the groups are not data-independent`,
                emit,
              );
            }
          }
        }
      }
    }
  }

  // 5. build
  const parallelName = options.name ?? unique(`${keys.join('')}Parallel`);
  taken.add(parallelName);
  const branches: ParallelizedBranch[] = keys.map((g) => ({
    name: g,
    startAt: first.get(g)!,
    states: [...options.branches[g]!],
    completeTerminal: unique(`Branch${g}Complete`),
    failedTerminal: unique(`Branch${g}Failed`),
    statusField: `branch_${snake(g)}_status`,
  }));
  const aggregateState = unique('AggregateBranchOutcomes');
  const checkState = unique('CheckBranchOutcomes');
  const failTargets = new Map<string, string>();
  const added: [string, JsonRecord][] = [];
  const parallelFailureTarget = handler ?? unique(`${parallelName}Failed`);
  for (const b of branches) {
    const cause = `branch ${b.name} (StartAt ${b.startAt}) of ${parallelName} recorded FAILED`;
    if (handler !== undefined) {
      const extract = unique(`Extract${b.name}BranchError`);
      failTargets.set(b.name, extract);
      added.push([
        extract,
        { Type: 'Pass', Comment: `Hands branch ${b.name}'s failure to ${handler}.`, Result: { Error: PARALLEL_BRANCH_FAILED, Cause: cause }, ResultPath: BRANCH_ERROR_PATH, Next: handler },
      ]);
    } else {
      const fail = unique(`${parallelName}Branch${b.name}Failed`);
      failTargets.set(b.name, fail);
      added.push([fail, { Type: 'Fail', Error: PARALLEL_BRANCH_FAILED, Cause: cause }]);
    }
  }
  if (handler === undefined) {
    added.push([parallelFailureTarget, { Type: 'Fail', Error: 'ParallelFailed', Cause: `the Parallel state ${parallelName} itself failed` }]);
  }
  const successorTarget = successor ?? unique(`${parallelName}Succeeded`);
  if (successor === null) added.push([successorTarget, { Type: 'Succeed', Comment: 'The parallelized chain ended the machine.' }]);

  const repointedToFailed: RewrittenTransition[] = [];
  const builtBranches = branches.map((b) => {
    const members = new Set(b.states);
    const retarget = (state: string, field: string, target: string): string => {
      if (members.has(target)) return target;
      const targetGroup = groupOf.get(target);
      if (targetGroup !== undefined && target === first.get(targetGroup) && order.get(targetGroup)! > order.get(b.name)!) return b.completeTerminal;
      if (target === successor) return b.completeTerminal;
      repointedToFailed.push({ state, field, from: target, to: b.failedTerminal });
      return b.failedTerminal;
    };
    const states: JsonRecord = {};
    for (const name of chain.filter((n) => members.has(n))) {
      const pointer = idOf(name);
      let s = structuredClone(rootStates[name]) as JsonRecord;
      const ql = queryLanguageOf(s, input);
      if (s.Type === 'Succeed') {
        s = { Type: 'Pass', Comment: `Was a Succeed state; now completes branch ${b.name}.`, Next: b.completeTerminal };
      } else if (s.Type === 'Fail') {
        const result: JsonRecord = {};
        for (const f of ['Error', 'Cause'] as const) {
          if (typeof s[f] === 'string') result[f] = s[f];
          if (typeof s[`${f}Path`] === 'string') result[`${f}.$`] = s[`${f}Path`];
        }
        s = { Type: 'Pass', Comment: `Was a Fail state; now records the failure of branch ${b.name} as data.`, Parameters: result, ResultPath: BRANCH_ERROR_PATH, Next: b.failedTerminal };
      }
      for (const t of writtenTransitions(s, pointer)) {
        const to = retarget(name, t.field, t.target);
        if (to === t.target) continue;
        if (t.kind === 'next') s.Next = to;
        else if (t.kind === 'default') s.Default = to;
        else if (t.kind === 'choice') (s.Choices as JsonRecord[])[t.index!]!.Next = to;
        else {
          const catcher = (s.Catch as JsonRecord[])[t.index!]!;
          catcher.Next = to;
          if (to === b.failedTerminal) {
            if (ql === 'JSONPath' && (!Object.hasOwn(catcher, 'ResultPath') || catcher.ResultPath === '$')) catcher.ResultPath = BRANCH_ERROR_PATH;
            if (ql === 'JSONata' && !Object.hasOwn(catcher, 'Output')) catcher.Output = errorCatcher('JSONata', to).Output;
          }
        }
      }
      if (takesNext(s.Type) && s.End === true) {
        delete s.End;
        s.Next = b.completeTerminal;
      }
      if (takesCatch(s.Type)) {
        const catchers = Array.isArray(s.Catch) ? (s.Catch as JsonRecord[]) : [];
        const last = catchers[catchers.length - 1];
        const lastIsFinal = last !== undefined && Array.isArray(last.ErrorEquals) && last.ErrorEquals.includes(ALL);
        if (!lastIsFinal) s.Catch = [...catchers, errorCatcher(ql, b.failedTerminal)];
      }
      states[name] = s;
    }
    const statusPath = `$.${b.statusField}`;
    states[b.completeTerminal] = {
      Type: 'Pass',
      Comment: `Branch ${b.name} completed: records OK as data. A branch never throws, so it never cancels its siblings.`,
      Result: 'OK',
      ResultPath: statusPath,
      End: true,
    };
    states[b.failedTerminal] = {
      Type: 'Pass',
      Comment: `Branch ${b.name} failed: records FAILED as data (the captured error stays at ${BRANCH_ERROR_PATH}); the machine fails after the join.`,
      Result: 'FAILED',
      ResultPath: statusPath,
      End: true,
    };
    return { StartAt: b.startAt, States: states };
  });

  const parallel: JsonRecord = {
    Type: 'Parallel',
    Comment: `Runs ${keys.join(', ')} side by side with per-branch error isolation: each branch records OK/FAILED as data and never throws; failure is raised after the join.`,
    Branches: builtBranches,
    ResultSelector: Object.fromEntries(keys.map((g, i) => [`${g}.$`, `$[${i}]`])),
    ResultPath: PARALLEL_RESULT_PATH,
    Retry: [{ ErrorEquals: [ALL], MaxAttempts: 0 }],
    Catch: [{ ErrorEquals: [ALL], ResultPath: BRANCH_ERROR_PATH, Next: parallelFailureTarget }],
    Next: aggregateState,
  };
  const aggregate: JsonRecord = {
    Type: 'Pass',
    Comment: 'Hoists each branch status; replaces the per-branch outputs with {group: OK|FAILED}.',
    Parameters: Object.fromEntries(branches.map((b) => [`${b.name}.$`, `${PARALLEL_RESULT_PATH}.${b.name}.${b.statusField}`])),
    ResultPath: PARALLEL_RESULT_PATH,
    Next: checkState,
  };
  const check: JsonRecord = {
    Type: 'Choice',
    Comment: 'Fails the machine after the join if any branch recorded FAILED.',
    Choices: branches.map((b) => ({ Variable: `${PARALLEL_RESULT_PATH}.${b.name}`, StringEquals: 'FAILED', Next: failTargets.get(b.name)! })),
    Default: successorTarget,
  };

  const rewiredInbound: RewrittenTransition[] = [];
  const outStates: JsonRecord = {};
  let inserted = false;
  for (const [name, value] of Object.entries(rootStates)) {
    if (chainSet.has(name)) {
      if (!inserted) {
        inserted = true;
        outStates[parallelName] = parallel;
        outStates[aggregateState] = aggregate;
        outStates[checkState] = check;
        for (const [n, s] of added) outStates[n] = s;
      }
      continue;
    }
    const s = structuredClone(value) as JsonRecord;
    for (const t of writtenTransitions(s, idOf(name))) {
      if (!chainSet.has(t.target)) continue;
      rewiredInbound.push({ state: name, field: t.field, from: t.target, to: parallelName });
      if (t.kind === 'next') s.Next = parallelName;
      else if (t.kind === 'default') s.Default = parallelName;
      else if (t.kind === 'choice') (s.Choices as JsonRecord[])[t.index!]!.Next = parallelName;
      else (s.Catch as JsonRecord[])[t.index!]!.Next = parallelName;
    }
    outStates[name] = s;
  }
  const output: JsonRecord = { ...structuredClone(input), States: outStates };
  if (chainSet.has(startAt)) {
    output.StartAt = parallelName;
    rewiredInbound.push({ state: '(machine)', field: '/StartAt', from: startAt, to: parallelName });
  }
  // States outside the chain that only the chain's failure exits reached (e.g. a failure notifier when
  // no failure handler is given) are unreachable now: drop them and say so.
  const removedStates: string[] = [];
  const outGraph = buildGraph(output);
  for (const name of Object.keys(outStates)) {
    const node = outGraph.stateIn('', name);
    if (node && outGraph.reachableInScope(node.id) === false && graph.reachableInScope(idOf(name)) === true) {
      removedStates.push(name);
      delete outStates[name];
    }
  }
  const outputDiagnostics = validate(output);
  if (hasErrors(outputDiagnostics)) {
    const errors = outputDiagnostics.filter((d) => d.severity === 'error');
    throw new ParallelizeError('INVALID_DEFINITION', `the rewrite would produce an invalid definition: ${errors[0]!.code} at ${errors[0]!.path}: ${errors[0]!.message}`, errors);
  }
  const addedStates = [parallelName, aggregateState, checkState, ...added.map(([n]) => n), ...branches.flatMap((b) => [b.completeTerminal, b.failedTerminal])];
  emit?.({
    event: 'sf_parallelize_outcome',
    parallel_state: parallelName,
    branches: branches.map((b) => ({ name: b.name, start_at: b.startAt, states: b.states.length })),
    successor,
    rewired_inbound: rewiredInbound.length,
    repointed_to_failed: repointedToFailed.length,
  });
  return {
    definition: output as unknown as StateMachineDefinition,
    parallelState: parallelName,
    branches,
    successor,
    aggregateState,
    checkState,
    rewiredInbound,
    repointedToFailed,
    addedStates,
    removedStates,
  };
}
