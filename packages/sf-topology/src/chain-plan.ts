import type { JsonRecord } from './json-record.js';
import { ParallelizeError } from './parallelize-error.js';
import { isTerminalState } from './state-types.js';
import type { Edge, TopologyGraph } from './topology-graph.js';

/** What parallelize() was asked, checked against the machine: the chain, its groups, and where it goes on. */
export interface ChainPlan {
  chain: readonly string[];
  chainSet: ReadonlySet<string>;
  /** Group names, in the order given. */
  groups: readonly string[];
  members: ReadonlyMap<string, readonly string[]>;
  groupOf: ReadonlyMap<string, string>;
  /** Each group's first state (its branch StartAt). */
  first: ReadonlyMap<string, string>;
  /** Position of each group's first state in the chain (groups follow each other in this order). */
  order: ReadonlyMap<string, number>;
  /** The state the chain continues to, or null when the chain ended the machine. */
  successor: string | null;
  failureHandler: string | undefined;
  /** Top-level edges (both ends at the root). */
  rootEdges: readonly Edge[];
  idOf(name: string): string;
  nameOf(id: string): string;
}

export interface ChainRequest {
  chain: readonly string[];
  branches: Readonly<Record<string, readonly string[]>>;
  failureHandler?: string | undefined;
  successor?: string | undefined;
}

function refuse(code: ConstructorParameters<typeof ParallelizeError>[0], message: string): never {
  throw new ParallelizeError(code, message);
}

/**
 * Check the request against the machine and work out the successor. Refuses (ParallelizeError) with
 * INVALID_OPTIONS, NOT_CONTIGUOUS or ENTRY_NOT_FIRST. Pure.
 */
export function planChain(input: JsonRecord, graph: TopologyGraph, request: ChainRequest): ChainPlan {
  const chain = [...request.chain];
  const where = (name: string) => {
    const found = graph.statesByName.get(name)?.[0];
    return found ? ` (it is in ${found.scope})` : ' (it does not exist)';
  };
  if (chain.length === 0) refuse('INVALID_OPTIONS', 'the chain is empty');
  const chainSet = new Set(chain);
  if (chainSet.size !== chain.length) refuse('INVALID_OPTIONS', 'the chain names a state twice');
  for (const name of chain) {
    if (!graph.stateIn('', name)) refuse('INVALID_OPTIONS', `chain state ${name} is not a top-level state${where(name)}`);
  }
  const groups = Object.keys(request.branches);
  if (groups.length < 2) refuse('INVALID_OPTIONS', `a Parallel needs at least two groups, got ${groups.length}`);
  const groupOf = new Map<string, string>();
  const members = new Map<string, readonly string[]>();
  for (const key of groups) {
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(key)) {
      refuse('INVALID_OPTIONS', `group name ${JSON.stringify(key)} must start with a letter and hold only letters, digits and _`);
    }
    const list = [...request.branches[key]!];
    if (list.length === 0) refuse('INVALID_OPTIONS', `group ${key} is empty`);
    for (const m of list) {
      if (!chainSet.has(m)) refuse('INVALID_OPTIONS', `group ${key} names ${m}, which is not in the chain`);
      const other = groupOf.get(m);
      if (other !== undefined) refuse('INVALID_OPTIONS', `state ${m} is in both group ${other} and group ${key}`);
      groupOf.set(m, key);
    }
    members.set(key, list);
  }
  for (const name of chain) {
    if (!groupOf.has(name)) refuse('INVALID_OPTIONS', `chain state ${name} is in no group`);
  }
  const handler = request.failureHandler;
  if (handler !== undefined) {
    if (!graph.stateIn('', handler)) refuse('INVALID_OPTIONS', `failure handler ${handler} is not a top-level state${where(handler)}`);
    if (chainSet.has(handler)) refuse('INVALID_OPTIONS', `failure handler ${handler} is inside the chain`);
  }
  if (request.successor !== undefined && (!graph.stateIn('', request.successor) || chainSet.has(request.successor))) {
    refuse('INVALID_OPTIONS', `successor ${request.successor} must be a top-level state outside the chain`);
  }
  const first = new Map(groups.map((k) => [k, members.get(k)![0]!]));
  const order = new Map(groups.map((k) => [k, chain.indexOf(first.get(k)!)]));
  const idOf = (name: string) => graph.stateIn('', name)!.id;
  const nameOf = (id: string) => graph.states.get(id)!.name;
  const rootEdges = graph.edges.filter((e) => graph.states.get(e.from)!.scope === '' && graph.states.get(e.to)!.scope === '');

  // Contiguity: every chain state is reached from the first without leaving the chain.
  const chainIds = new Set(chain.map(idOf));
  const reached = graph.reachFrom([idOf(chain[0]!)], (id) => chainIds.has(id));
  for (const name of chain) {
    if (!reached.has(idOf(name))) {
      refuse('NOT_CONTIGUOUS', `chain state ${name} is not reached from ${chain[0]} without leaving the chain: a state outside the chain lies between them, or the chain is not in execution order`);
    }
  }
  // Entries: only at a group's first state, and never back to an earlier group.
  const startAt = typeof input.StartAt === 'string' ? input.StartAt : '';
  if (chainSet.has(startAt) && first.get(groupOf.get(startAt)!) !== startAt) {
    refuse('ENTRY_NOT_FIRST', `the machine's StartAt enters group ${groupOf.get(startAt)} at ${startAt}, not at its first state ${first.get(groupOf.get(startAt)!)}`);
  }
  for (const e of rootEdges) {
    const from = nameOf(e.from);
    const to = nameOf(e.to);
    if (!chainSet.has(to)) continue;
    const target = groupOf.get(to)!;
    const source = groupOf.get(from);
    if (source === target) continue;
    if (to !== first.get(target)) refuse('ENTRY_NOT_FIRST', `${from} (${e.field}) enters group ${target} at ${to}, not at its first state ${first.get(target)}`);
    if (source !== undefined && order.get(target)! < order.get(source)!) {
      refuse('NOT_CONTIGUOUS', `${from} in group ${source} goes back to group ${target} (${to}): groups must follow each other in chain order`);
    }
  }
  return {
    chain,
    chainSet,
    groups,
    members,
    groupOf,
    first,
    order,
    successor: request.successor ?? inferSuccessor(graph, chainSet, rootEdges, chain, handler, nameOf),
    failureHandler: handler,
    rootEdges,
    idOf,
    nameOf,
  };
}

/**
 * The state outside the chain that its non-catch exits reach, ignoring the failure handler and states
 * from which no success is reachable; a Next/Default exit wins over a Choice rule, then the latest in
 * the chain. null when no exit qualifies (the chain ended the machine).
 */
function inferSuccessor(
  graph: TopologyGraph,
  chainSet: ReadonlySet<string>,
  rootEdges: readonly Edge[],
  chain: readonly string[],
  handler: string | undefined,
  nameOf: (id: string) => string,
): string | null {
  const succeeds = [...graph.states.values()].filter((s) => s.scope === '' && s.type !== 'Fail' && isTerminalState(s.raw)).map((s) => s.id);
  const successReach = graph.reaching(succeeds);
  const candidates = rootEdges.filter(
    (e) => chainSet.has(nameOf(e.from)) && !chainSet.has(nameOf(e.to)) && e.kind !== 'catch' && nameOf(e.to) !== handler && successReach.has(e.to),
  );
  const score = (e: Edge) => (e.kind === 'choice' ? 0 : 1) * 10_000 + chain.indexOf(nameOf(e.from));
  const best = [...candidates].sort((a, b) => score(b) - score(a))[0];
  return best ? nameOf(best.to) : null;
}
