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

/** The transitions a state writes, by what its Type allows (a forbidden field is not a transition). */
export function writtenTransitions(state: JsonRecord, statePointer: string): Omit<Transition, 'from' | 'scope' | 'resolution' | 'to'>[] {
  const out: Omit<Transition, 'from' | 'scope' | 'resolution' | 'to'>[] = [];
  if (takesNext(state.Type) && typeof state.Next === 'string') {
    out.push({ kind: 'next', field: pointerJoin(statePointer, 'Next'), target: state.Next });
  }
  if (state.Type === 'Choice') {
    if (Array.isArray(state.Choices)) {
      state.Choices.forEach((rule, i) => {
        const r = asJsonRecord(rule);
        if (r && typeof r.Next === 'string') {
          out.push({ kind: 'choice', field: pointerJoin(statePointer, 'Choices', i, 'Next'), target: r.Next, index: i });
        }
      });
    }
    if (typeof state.Default === 'string') {
      out.push({ kind: 'default', field: pointerJoin(statePointer, 'Default'), target: state.Default });
    }
  }
  if (takesCatch(state.Type) && Array.isArray(state.Catch)) {
    state.Catch.forEach((catcher, i) => {
      const c = asJsonRecord(catcher);
      if (c && typeof c.Next === 'string') {
        out.push({ kind: 'catch', field: pointerJoin(statePointer, 'Catch', i, 'Next'), target: c.Next, index: i });
      }
    });
  }
  return out;
}

/** Build the graph of a raw definition: every scope, typed edges, reachability, inbound edges. Pure. */
export function buildGraph(definition: JsonRecord): TopologyGraph {
  const scopes = collectScopes(definition);
  const scopeByPointer = new Map(scopes.map((s) => [s.pointer, s]));
  const states = new Map<string, GraphState>();
  const statesByName = new Map<string, GraphState[]>();
  const byScope = new Map<string, Map<string, GraphState>>();
  for (const scope of scopes) {
    const local = new Map<string, GraphState>();
    byScope.set(scope.pointer, local);
    for (const name of scope.names) {
      const raw = asJsonRecord(scope.states[name]) ?? {};
      const node: GraphState = { id: pointerJoin(scope.pointer, 'States', name), name, scope: scope.pointer, type: raw.Type, raw };
      states.set(node.id, node);
      local.set(name, node);
      const list = statesByName.get(name) ?? [];
      list.push(node);
      statesByName.set(name, list);
    }
  }
  const resolve = (scope: string, target: string): Pick<Transition, 'resolution' | 'to'> => {
    const local = byScope.get(scope)?.get(target);
    if (local) return { resolution: 'edge', to: local.id };
    const elsewhere = statesByName.get(target)?.[0];
    return elsewhere ? { resolution: 'escape', to: elsewhere.id } : { resolution: 'dangling' };
  };
  const transitions: Transition[] = [];
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
    for (const node of byScope.get(scope.pointer)!.values()) {
      for (const t of writtenTransitions(node.raw, node.id)) {
        const r = resolve(scope.pointer, t.target);
        const transition: Transition = { from: node.id, scope: scope.pointer, kind: t.kind, field: t.field, target: t.target, resolution: r.resolution };
        if (t.index !== undefined) transition.index = t.index;
        if (r.to !== undefined) transition.to = r.to;
        transitions.push(transition);
      }
    }
  }
  const edges: Edge[] = [];
  const out = new Map<string, Edge[]>();
  const inb = new Map<string, Edge[]>();
  const succ = new Map<string, string[]>();
  const pred = new Map<string, string[]>();
  for (const t of transitions) {
    if (t.from === null || t.kind === 'start' || t.resolution !== 'edge' || t.to === undefined) continue;
    const edge: Edge = { from: t.from, to: t.to, kind: t.kind, field: t.field };
    if (t.index !== undefined) edge.index = t.index;
    edges.push(edge);
    const o = out.get(edge.from);
    if (o) {
      o.push(edge);
      succ.get(edge.from)!.push(edge.to);
    } else {
      out.set(edge.from, [edge]);
      succ.set(edge.from, [edge.to]);
    }
    const i = inb.get(edge.to);
    if (i) {
      i.push(edge);
      pred.get(edge.to)!.push(edge.from);
    } else {
      inb.set(edge.to, [edge]);
      pred.set(edge.to, [edge.from]);
    }
  }
  const startOf = (scope: string): GraphState | undefined => {
    const s = scopeByPointer.get(scope);
    return s?.startAt === undefined ? undefined : byScope.get(scope)?.get(s.startAt);
  };
  const none: readonly string[] = [];
  const successors = (id: string): readonly string[] => succ.get(id) ?? none;
  const predecessors = (id: string): readonly string[] => pred.get(id) ?? none;
  const inScope = new Map<string, boolean>();
  for (const scope of scopes) {
    const start = startOf(scope.pointer);
    if (!start) continue;
    const seen = closure([start.id], successors);
    for (const node of byScope.get(scope.pointer)!.values()) inScope.set(node.id, seen.has(node.id));
  }
  const reachable = new Set<string>();
  for (const scope of scopes) {
    const ownerOk = scope.owner === null || reachable.has(scope.owner.pointer);
    if (!ownerOk) continue;
    for (const node of byScope.get(scope.pointer)!.values()) if (inScope.get(node.id) === true) reachable.add(node.id);
  }
  return {
    scopes,
    scopeByPointer,
    states,
    statesByName,
    transitions,
    edges,
    outgoing: (id) => out.get(id) ?? [],
    successors,
    inbound: (id) => inb.get(id) ?? [],
    stateIn: (scope, name) => byScope.get(scope)?.get(name),
    startOf,
    reachableInScope: (id) => inScope.get(id),
    reachable,
    reachFrom: (ids, allow) => closure(ids, allow === undefined ? successors : (id) => successors(id).filter(allow)),
    reaching: (ids, allow) => closure(ids, allow === undefined ? predecessors : (id) => predecessors(id).filter(allow)),
  };
}
