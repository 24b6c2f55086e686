import type { Diagnostic } from './diagnostic.js';
import { pointerJoin } from './json-pointer.js';
import { asJsonRecord } from './json-record.js';
import { collectScopes, type Scope, siblingBranches } from './state-scopes.js';
import { takesCatch } from './state-types.js';
import { validateWithScopes } from './validate.js';

/** Does this catcher list end with a catcher whose ErrorEquals holds States.ALL? */
export function hasFinalCatchAll(catchers: unknown): boolean {
  if (!Array.isArray(catchers) || catchers.length === 0) return false;
  const last = asJsonRecord(catchers[catchers.length - 1]);
  return Array.isArray(last?.ErrorEquals) && last.ErrorEquals.includes('States.ALL');
}

/**
 * Isolation lint: inside any Parallel branch, a state whose error can escape the branch — a Task,
 * Parallel or Map without a final `States.ALL` catcher, a Fail state, or a Choice without Default —
 * fails the Parallel, which
 * cancels the sibling branches. One SIBLING_CANCEL_HAZARD warning per such state, naming the
 * siblings it would cancel. Pure.
 */
export function lintIsolation(definition: unknown): Diagnostic[] {
  const root = asJsonRecord(definition);
  return root ? isolationHazards(collectScopes(root)) : [];
}

/** The isolation lint over already-collected scopes (a branch's owner is a state of its parent scope). */
function isolationHazards(scopes: readonly Scope[]): Diagnostic[] {
  const scopeByPointer = new Map(scopes.map((s) => [s.pointer, s]));
  const out: Diagnostic[] = [];
  for (const scope of scopes) {
    if (scope.kind !== 'branch' || scope.owner === null || typeof scope.slot !== 'number') continue;
    const owner = { name: scope.owner.name, raw: asJsonRecord(scopeByPointer.get(scope.owner.scope)?.states[scope.owner.name]) ?? {} };
    const siblings = siblingBranches(owner.raw, scope.slot);
    if (siblings.length === 0) continue;
    for (const name of scope.names) {
      const state = asJsonRecord(scope.states[name]);
      if (!state) continue;
      const pointer = pointerJoin(scope.pointer, 'States', name);
      let why: string | null = null;
      if (state.Type === 'Fail') why = 'is a Fail state';
      else if (takesCatch(state.Type) && !hasFinalCatchAll(state.Catch)) why = 'has no final States.ALL catcher';
      else if (state.Type === 'Choice' && !Object.hasOwn(state, 'Default')) why = 'is a Choice without Default (an input no rule matches throws States.NoChoiceMatched)';
      if (why === null) continue;
      out.push({
        code: 'SIBLING_CANCEL_HAZARD',
        severity: 'warning',
        path: pointer,
        message: `${name} in branch ${scope.slot} of Parallel ${owner.name} ${why}: its error escapes the branch, fails ${owner.name} and cancels ${siblings.join(', ')}`,
      });
    }
  }
  return out;
}

/** validate() plus the isolation lint: what `repro sf lint` reports. */
export function lint(definition: unknown): Diagnostic[] {
  const { diagnostics, scopes } = validateWithScopes(definition);
  return scopes ? [...diagnostics, ...isolationHazards(scopes)] : diagnostics;
}
