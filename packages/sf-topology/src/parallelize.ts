import type { StateMachineDefinition } from './asl-model.js';
import { type ParallelizedBranch, type RewrittenTransition, rewriteBranch } from './branch-rewrite.js';
import { planChain } from './chain-plan.js';
import { checkGroupIndependence, rewriteWarnings } from './group-independence.js';
import { isolationDialect, PARALLEL_BRANCH_FAILED } from './isolation-dialect.js';
import { asJsonRecord, type JsonRecord } from './json-record.js';
import { ParallelizeError } from './parallelize-error.js';
import type { ParallelizeWarning } from './parallelize-warning.js';
import type { SfEventSink } from './sf-event-types.js';
import { queryLanguageOf } from './state-types.js';
import { buildGraph, writtenTransitions } from './topology-graph.js';
import { validate } from './validate.js';

export type { ParallelizedBranch, RewrittenTransition } from './branch-rewrite.js';

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
  /** What the rewrite changes that is not a reason to refuse (see ParallelizeWarning). */
  warnings: ParallelizeWarning[];
}

function snake(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toLowerCase();
}

function refuseIfInvalid(prefix: string, definition: unknown): void {
  const errors = validate(definition).filter((d) => d.severity === 'error');
  if (errors.length === 0) return;
  const e = errors[0]!;
  throw new ParallelizeError('INVALID_DEFINITION', `${prefix} ${errors.length} validation error(s); first: ${e.code} at ${e.path}: ${e.message}`, errors);
}

/**
 * Rewrite a contiguous chain of top-level states into one Parallel state whose branches are isolated:
 * each branch ends only in Pass terminals that record OK / FAILED as data, so a branch never throws and
 * never cancels its siblings; the failure is raised after the join. Works in either query language
 * (the generated states use the machine's). Pure: returns a new definition. Throws ParallelizeError
 * (nothing rewritten) when the groups are not data-independent, the chain is not contiguous, or an
 * edge enters a group anywhere but its first state (and for malformed options or an invalid input).
 */
export function parallelize(definition: unknown, options: ParallelizeOptions): ParallelizeResult {
  try {
    const result = rewrite(definition, options);
    options.emit?.({
      event: 'sf_parallelize_outcome',
      parallel_state: result.parallelState,
      branches: result.branches.map((b) => ({ name: b.name, start_at: b.startAt, states: b.states.length })),
      successor: result.successor,
      rewired_inbound: result.rewiredInbound.length,
      repointed_to_failed: result.repointedToFailed.length,
      warnings: result.warnings.length,
    });
    return result;
  } catch (error) {
    if (error instanceof ParallelizeError) options.emit?.({ event: 'sf_parallelize_refused', code: error.code, message: error.message });
    throw error;
  }
}

function rewrite(definition: unknown, options: ParallelizeOptions): ParallelizeResult {
  const input = asJsonRecord(definition);
  if (!input) throw new ParallelizeError('INVALID_DEFINITION', 'the definition must be a JSON object');
  refuseIfInvalid('the input definition has', input);
  const graph = buildGraph(input);
  const plan = planChain(input, graph, options);
  checkGroupIndependence(input, plan);
  const warnings = rewriteWarnings(input, graph, plan);
  const machineLanguage = queryLanguageOf({}, input);
  const dialect = isolationDialect(machineLanguage);
  const rootStates = asJsonRecord(input.States)!;
  const { chainSet, groups, successor } = plan;
  const handler = plan.failureHandler;

  const taken = new Set(graph.statesByName.keys());
  if (options.name !== undefined && (options.name === '' || taken.has(options.name))) {
    throw new ParallelizeError('INVALID_OPTIONS', `Parallel name ${JSON.stringify(options.name)} is empty or already a state`);
  }
  const unique = (base: string): string => {
    let name = base;
    for (let i = 2; taken.has(name); i++) name = `${base}_${i}`;
    taken.add(name);
    return name;
  };
  const parallelName = options.name ?? unique(`${groups.join('')}Parallel`);
  taken.add(parallelName);
  const branches: ParallelizedBranch[] = groups.map((g) => ({
    name: g,
    startAt: plan.first.get(g)!,
    states: [...plan.members.get(g)!],
    completeTerminal: unique(`Branch${g}Complete`),
    failedTerminal: unique(`Branch${g}Failed`),
    statusField: `branch_${snake(g)}_status`,
  }));
  const aggregateState = unique('AggregateBranchOutcomes');
  const checkState = unique('CheckBranchOutcomes');

  // The top-level states that receive a failure: the failure handler (through a Pass that names the
  // branch in $.error), or new Fail states whose Error/Cause name the branch.
  const failTargets = new Map<string, string>();
  const added: [string, JsonRecord][] = [];
  for (const b of branches) {
    const cause = `branch ${b.name} (StartAt ${b.startAt}) of ${parallelName} recorded FAILED`;
    if (handler !== undefined) {
      const extract = unique(`Extract${b.name}BranchError`);
      failTargets.set(b.name, extract);
      added.push([extract, dialect.recordError({ Error: PARALLEL_BRANCH_FAILED, Cause: cause }, handler, `Hands branch ${b.name}'s failure to ${handler}.`)]);
    } else {
      const fail = unique(`${parallelName}Branch${b.name}Failed`);
      failTargets.set(b.name, fail);
      added.push([fail, { Type: 'Fail', Error: PARALLEL_BRANCH_FAILED, Cause: cause }]);
    }
  }
  const parallelFailureTarget = handler ?? unique(`${parallelName}Failed`);
  if (handler === undefined) {
    added.push([parallelFailureTarget, { Type: 'Fail', Error: 'ParallelFailed', Cause: `the Parallel state ${parallelName} itself failed` }]);
  }
  const successorTarget = successor ?? unique(`${parallelName}Succeeded`);
  if (successor === null) added.push([successorTarget, { Type: 'Succeed', Comment: 'The parallelized chain ended the machine.' }]);

  const repointedToFailed: RewrittenTransition[] = [];
  const addedInBranches: string[] = [];
  const context = { input, plan, machineLanguage, unique, repointedToFailed, addedInBranches };
  const scopes = branches.map((b) => rewriteBranch(context, b));
  const parallel = dialect.parallel(
    branches,
    scopes,
    parallelFailureTarget,
    aggregateState,
    `Runs ${groups.join(', ')} side by side with per-branch error isolation: each branch records OK/FAILED as data and never throws; failure is raised after the join.`,
  );

  const rewiredInbound: RewrittenTransition[] = [];
  const outStates: JsonRecord = {};
  let inserted = false;
  for (const [name, value] of Object.entries(rootStates)) {
    if (chainSet.has(name)) {
      if (!inserted) {
        inserted = true;
        outStates[parallelName] = parallel;
        outStates[aggregateState] = dialect.aggregate(branches, checkState);
        outStates[checkState] = dialect.check(branches, failTargets, successorTarget);
        for (const [n, s] of added) outStates[n] = s;
      }
      continue;
    }
    const s = structuredClone(value) as JsonRecord;
    for (const t of writtenTransitions(s, plan.idOf(name))) {
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
  const startAt = typeof input.StartAt === 'string' ? input.StartAt : '';
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
    if (node && outGraph.reachableInScope(node.id) === false && graph.reachableInScope(plan.idOf(name)) === true) {
      removedStates.push(name);
      delete outStates[name];
    }
  }
  refuseIfInvalid('the rewrite would produce an invalid definition:', output);
  return {
    definition: output as unknown as StateMachineDefinition,
    parallelState: parallelName,
    branches,
    successor,
    aggregateState,
    checkState,
    rewiredInbound,
    repointedToFailed,
    addedStates: [parallelName, aggregateState, checkState, ...added.map(([n]) => n), ...addedInBranches],
    removedStates,
    warnings,
  };
}
