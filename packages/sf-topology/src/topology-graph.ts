import { closure } from './graph-closure.js';
import { pointerJoin } from './json-pointer.js';
import { asJsonRecord, type JsonRecord } from './json-record.js';
import { collectScopes, type Scope } from './state-scopes.js';
import { takesCatch, takesNext } from './state-types.js';

export type EdgeKind = 'next' | 'default' | 'choice' | 'catch';
export type TransitionKind = EdgeKind | 'start';

/** A state of the machine, identified by its JSON Pointer (names may repeat across scopes). */
export interface GraphState {
  id: string;
  name: string;
  /** Pointer of the scope holding it. */
  scope: string;
  type: unknown;
  raw: JsonRecord;
}

/** A written transition (including StartAt) and how it resolves. */
export interface Transition {
  /** The state it leaves (null for a scope's StartAt). */
  from: string | null;
  scope: string;
  kind: TransitionKind;
  /** JSON Pointer of the field holding the target. */
  field: string;
  /** Index of the Choice rule or catcher. */
  index?: number;
  target: string;
  /** edge: the target is in the same scope; escape: in another scope only; dangling: nowhere. */
  resolution: 'edge' | 'escape' | 'dangling';
  /** The resolved state (edge), or the first state of that name elsewhere (escape). */
  to?: string;
}

export interface Edge {
  from: string;
  to: string;
  kind: EdgeKind;
  field: string;
  index?: number;
}

export interface TopologyGraph {
  scopes: Scope[];
  scopeByPointer: Map<string, Scope>;
  states: Map<string, GraphState>;
  /** Every state of that name, in any scope. */
  statesByName: Map<string, GraphState[]>;
  transitions: Transition[];
  /** Only the transitions that resolve inside their own scope. */
  edges: Edge[];
  outgoing(id: string): Edge[];
  /** The states the edges out of `id` lead to (one entry per edge). */
  successors(id: string): readonly string[];
  inbound(id: string): Edge[];
  /** The state with this name in this scope. */
  stateIn(scope: string, name: string): GraphState | undefined;
  /** Resolved StartAt of a scope (undefined when missing or not in the scope). */
  startOf(scope: string): GraphState | undefined;
  /**
   * Reachability of each state from its scope's StartAt along edges (true reachability: orphan cycles
   * are unreachable). undefined when the scope's StartAt is missing or unresolved.
   */
  reachableInScope(id: string): boolean | undefined;
  /** Reachable from the root: reachable in its scope and every owning Parallel/Map is reachable. */
  reachable: Set<string>;
  /** Every state reachable from `ids` along edges (the starts included); `allow` limits the states entered. */
  reachFrom(ids: Iterable<string>, allow?: (id: string) => boolean): Set<string>;
  /** Every state from which one of `ids` is reachable along edges (the targets included); `allow` limits the states passed. */
  reaching(ids: Iterable<string>, allow?: (id: string) => boolean): Set<string>;
}

type WrittenTransition = Omit<Transition, 'from' | 'scope' | 'resolution' | 'to'>;

/** Calls `add` for each transition a state writes, by what its Type allows (a forbidden field is not a transition). */
function visitWrittenTransitions(state: JsonRecord, statePointer: string, add: (kind: EdgeKind, field: string, target: string, index?: number) => void): void {
  if (takesNext(state.Type) && typeof state.Next === 'string') add('next', pointerJoin(statePointer, 'Next'), state.Next);
  if (state.Type === 'Choice') {
    if (Array.isArray(state.Choices)) {
      for (let i = 0; i < state.Choices.length; i++) {
        const r = asJsonRecord(state.Choices[i]);
        if (r && typeof r.Next === 'string') add('choice', pointerJoin(statePointer, 'Choices', i, 'Next'), r.Next, i);
      }
    }
    if (typeof state.Default === 'string') add('default', pointerJoin(statePointer, 'Default'), state.Default);
  }
  if (takesCatch(state.Type) && Array.isArray(state.Catch)) {
    for (let i = 0; i < state.Catch.length; i++) {
      const c = asJsonRecord(state.Catch[i]);
      if (c && typeof c.Next === 'string') add('catch', pointerJoin(statePointer, 'Catch', i, 'Next'), c.Next, i);
    }
  }
}

/** The transitions a state writes, by what its Type allows (a forbidden field is not a transition). */
export function writtenTransitions(state: JsonRecord, statePointer: string): WrittenTransition[] {
  const out: WrittenTransition[] = [];
  visitWrittenTransitions(state, statePointer, (kind, field, target, index) => {
    out.push(index === undefined ? { kind, field, target } : { kind, field, target, index });
  });
  return out;
}

/** Build the graph of a raw definition: every scope, typed edges, reachability, inbound edges. Pure. */
export function buildGraph(definition: JsonRecord): TopologyGraph {
  const scopes = collectScopes(definition);
  const scopeByPointer = new Map(scopes.map((s) => [s.pointer, s]));
  const states = new Map<string, GraphState>();
  const statesByName = new Map<string, GraphState[]>();
  const byScope = new Map<string, Map<string, GraphState>>();
  /** Per state: its edges and reachability, held together so building an edge needs no map lookup. */
  interface NodeInfo {
    node: GraphState;
    /** Allocated on the first edge (most states have one or two; none is common too). */
    out: Edge[] | undefined;
    succ: string[] | undefined;
    inb: Edge[] | undefined;
    pred: string[] | undefined;
    inScope: boolean | undefined;
  }
  const info = new Map<string, NodeInfo>();
  const infoByScope = new Map<string, Map<string, NodeInfo>>();
  for (const scope of scopes) {
    const local = new Map<string, GraphState>();
    const localInfo = new Map<string, NodeInfo>();
    byScope.set(scope.pointer, local);
    infoByScope.set(scope.pointer, localInfo);
    for (const name of scope.names) {
      const raw = asJsonRecord(scope.states[name]) ?? {};
      const node: GraphState = { id: pointerJoin(scope.pointer, 'States', name), name, scope: scope.pointer, type: raw.Type, raw };
      const record: NodeInfo = { node, out: undefined, succ: undefined, inb: undefined, pred: undefined, inScope: undefined };
      states.set(node.id, node);
      info.set(node.id, record);
      local.set(name, node);
      localInfo.set(name, record);
      const list = statesByName.get(name);
      if (list) list.push(node);
      else statesByName.set(name, [node]);
    }
  }
  const resolve = (scope: string, target: string): Pick<Transition, 'resolution' | 'to'> => {
    const local = byScope.get(scope)?.get(target);
    if (local) return { resolution: 'edge', to: local.id };
    const elsewhere = statesByName.get(target)?.[0];
    return elsewhere ? { resolution: 'escape', to: elsewhere.id } : { resolution: 'dangling' };
  };
  const transitions: Transition[] = [];
  const edges: Edge[] = [];
  for (const scope of scopes) {
    if (scope.startAt !== undefined) {
      transitions.push({
        from: null,
        scope: scope.pointer,
        kind: 'start',
        field: pointerJoin(scope.pointer, 'StartAt'),
        target: scope.startAt,
        ...resolve(scope.pointer, scope.startAt),
      });
    }
    const localInfo = infoByScope.get(scope.pointer)!;
    for (const from of localInfo.values()) {
      const id = from.node.id;
      visitWrittenTransitions(from.node.raw, id, (kind, field, target, index) => {
        const transition: Transition = { from: id, scope: scope.pointer, kind, field, target, resolution: 'dangling' };
        if (index !== undefined) transition.index = index;
        const here = localInfo.get(target);
        if (here) {
          transition.resolution = 'edge';
          transition.to = here.node.id;
          const edge: Edge = { from: id, to: here.node.id, kind, field };
          if (index !== undefined) edge.index = index;
          edges.push(edge);
          if (from.out && from.succ) {
            from.out.push(edge);
            from.succ.push(edge.to);
          } else {
            from.out = [edge];
            from.succ = [edge.to];
          }
          if (here.inb && here.pred) {
            here.inb.push(edge);
            here.pred.push(id);
          } else {
            here.inb = [edge];
            here.pred = [id];
          }
        } else {
          const elsewhere = statesByName.get(target)?.[0];
          if (elsewhere) {
            transition.resolution = 'escape';
            transition.to = elsewhere.id;
          }
        }
        transitions.push(transition);
      });
    }
  }
  const startOf = (scope: string): GraphState | undefined => {
    const s = scopeByPointer.get(scope);
    return s?.startAt === undefined ? undefined : byScope.get(scope)?.get(s.startAt);
  };
  const none: readonly string[] = [];
  const successors = (id: string): readonly string[] => info.get(id)?.succ ?? none;
  const predecessors = (id: string): readonly string[] => info.get(id)?.pred ?? none;
  for (const scope of scopes) {
    const start = startOf(scope.pointer);
    if (!start) continue;
    const seen = closure([start.id], successors);
    for (const record of infoByScope.get(scope.pointer)!.values()) record.inScope = seen.has(record.node.id);
  }
  const reachable = new Set<string>();
  for (const scope of scopes) {
    const ownerOk = scope.owner === null || reachable.has(scope.owner.pointer);
    if (!ownerOk) continue;
    for (const record of infoByScope.get(scope.pointer)!.values()) if (record.inScope === true) reachable.add(record.node.id);
  }
  return {
    scopes,
    scopeByPointer,
    states,
    statesByName,
    transitions,
    edges,
    outgoing: (id) => info.get(id)?.out ?? [],
    successors,
    inbound: (id) => info.get(id)?.inb ?? [],
    stateIn: (scope, name) => byScope.get(scope)?.get(name),
    startOf,
    reachableInScope: (id) => info.get(id)?.inScope,
    reachable,
    reachFrom: (ids, allow) => closure(ids, allow === undefined ? successors : (id) => successors(id).filter(allow)),
    reaching: (ids, allow) => closure(ids, allow === undefined ? predecessors : (id) => predecessors(id).filter(allow)),
  };
}
