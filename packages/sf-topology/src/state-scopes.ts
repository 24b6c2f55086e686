import { pointerJoin } from './json-pointer.js';
import { asJsonRecord, type JsonRecord } from './json-record.js';

export type ScopeKind = 'root' | 'branch' | 'map';

/** A `StartAt` + `States` pair: the root, one Parallel branch, or one Map ItemProcessor / Iterator. */
export interface Scope {
  /** JSON Pointer of the scope object ('' for the root). */
  pointer: string;
  kind: ScopeKind;
  /** The Parallel / Map state that owns this scope (null for the root). */
  owner: { scope: string; name: string; pointer: string } | null;
  /** Branch index (Parallel) or the field holding the processor (Map). */
  slot: number | 'ItemProcessor' | 'Iterator' | null;
  /** StartAt when it is a string. */
  startAt: string | undefined;
  hasStartAt: boolean;
  /** The raw States object (empty when missing). */
  states: JsonRecord;
  /** Its state names, in order, enumerated once (a States object of thousands of keys is slow to enumerate). */
  names: readonly string[];
  hasStates: boolean;
  raw: JsonRecord;
}

/** Every scope of a raw definition, depth-first, parents before children. */
export function collectScopes(definition: JsonRecord): Scope[] {
  const out: Scope[] = [];
  const visit = (raw: JsonRecord, pointer: string, kind: ScopeKind, owner: Scope['owner'], slot: Scope['slot']) => {
    const states = asJsonRecord(raw.States);
    const scope: Scope = {
      pointer,
      kind,
      owner,
      slot,
      startAt: typeof raw.StartAt === 'string' ? raw.StartAt : undefined,
      hasStartAt: Object.hasOwn(raw, 'StartAt'),
      states: states ?? {},
      names: states ? Object.keys(states) : [],
      hasStates: states !== undefined,
      raw,
    };
    out.push(scope);
    for (const name of scope.names) {
      const state = asJsonRecord(scope.states[name]);
      if (!state) continue;
      const statePointer = pointerJoin(pointer, 'States', name);
      const me = { scope: pointer, name, pointer: statePointer };
      if (state.Type === 'Parallel' && Array.isArray(state.Branches)) {
        state.Branches.forEach((branch, i) => {
          const b = asJsonRecord(branch);
          if (b) visit(b, pointerJoin(statePointer, 'Branches', i), 'branch', me, i);
        });
      }
      if (state.Type === 'Map') {
        for (const field of ['ItemProcessor', 'Iterator'] as const) {
          const p = asJsonRecord(state[field]);
          if (p) visit(p, pointerJoin(statePointer, field), 'map', me, field);
        }
      }
    }
  };
  visit(definition, '', 'root', null, null);
  return out;
}

/** The other branches of a Parallel, each as `branch <i> (StartAt <name>)`: what an error escaping branch `slot` cancels. */
export function siblingBranches(parallel: JsonRecord, slot: number): string[] {
  const branches = Array.isArray(parallel.Branches) ? parallel.Branches : [];
  return branches.flatMap((b, i) => {
    if (i === slot) return [];
    const startAt = asJsonRecord(b)?.StartAt;
    return [`branch ${i} (StartAt ${typeof startAt === 'string' ? startAt : '?'})`];
  });
}
