import type { ChainPlan } from './chain-plan.js';
import { type IsolationDialect, isolationDialect } from './isolation-dialect.js';
import { hasFinalCatchAll } from './isolation-lint.js';
import { asJsonRecord, type JsonRecord } from './json-record.js';
import { type QueryLanguage, queryLanguageOf, takesCatch, takesNext } from './state-types.js';
import { writtenTransitions } from './topology-graph.js';

/** A group of the chain, run as one branch, with its two terminals. */
export interface ParallelizedBranch {
  name: string;
  startAt: string;
  states: string[];
  /** The OK terminal (added only when a path of the group reaches it). */
  completeTerminal: string;
  /** The FAILED terminal (added only when a path of the group reaches it). */
  failedTerminal: string;
  /** `$.<field>` the terminals write OK / FAILED to. */
  statusField: string;
}

export interface RewrittenTransition {
  /** State whose field changed. */
  state: string;
  /** JSON Pointer of the field in the input definition. */
  field: string;
  from: string;
  to: string;
}

export interface BranchRewrite {
  input: JsonRecord;
  plan: ChainPlan;
  machineLanguage: QueryLanguage;
  /** A fresh state name (unique in the whole machine). */
  unique(base: string): string;
  /** Collects transitions that left the chain and now go to a FAILED terminal. */
  repointedToFailed: RewrittenTransition[];
  /** Collects the names of the states added inside branches (the terminals a path reaches, NoChoiceMatched recorders). */
  addedInBranches: string[];
}

/** A generated state in a language other than the machine's says so. */
function inLanguage(state: JsonRecord, language: QueryLanguage, machine: QueryLanguage): JsonRecord {
  return language === machine ? state : { ...state, QueryLanguage: language };
}

const SUCCEED_KEEPS = ['QueryLanguage', 'InputPath', 'OutputPath', 'Output'] as const;

/**
 * One group's states as an isolated branch scope: the group's edges kept; transitions forward to a
 * later group's first state, or to the successor, go to the Complete terminal; every other transition
 * that left the chain goes to the FAILED terminal; End / Succeed complete the branch; a Fail state, a
 * Choice that no rule may match, and every Task/Parallel/Map error (a final States.ALL catcher) record
 * FAILED as data, so the branch never throws. Pure.
 */
export function rewriteBranch(context: BranchRewrite, branch: ParallelizedBranch): JsonRecord {
  const { input, plan, machineLanguage } = context;
  const rootStates = asJsonRecord(input.States)!;
  const members = new Set(branch.states);
  const retarget = (state: string, field: string, target: string): string => {
    if (members.has(target)) return target;
    const targetGroup = plan.groupOf.get(target);
    if (targetGroup !== undefined && target === plan.first.get(targetGroup) && plan.order.get(targetGroup)! > plan.order.get(branch.name)!) return branch.completeTerminal;
    if (target === plan.successor) return branch.completeTerminal;
    context.repointedToFailed.push({ state, field, from: target, to: branch.failedTerminal });
    return branch.failedTerminal;
  };
  const states: JsonRecord = {};
  for (const name of plan.chain.filter((n) => members.has(n))) {
    const pointer = plan.idOf(name);
    const original = rootStates[name] as JsonRecord;
    const language = queryLanguageOf(original, input);
    const dialect: IsolationDialect = isolationDialect(language);
    let s = structuredClone(original);
    for (const t of writtenTransitions(s, pointer)) {
      const to = retarget(name, t.field, t.target);
      if (to === t.target) continue;
      if (t.kind === 'next') s.Next = to;
      else if (t.kind === 'default') s.Default = to;
      else if (t.kind === 'choice') (s.Choices as JsonRecord[])[t.index!]!.Next = to;
      else {
        const catcher = (s.Catch as JsonRecord[])[t.index!]!;
        catcher.Next = to;
        if (to === branch.failedTerminal) dialect.keepStateOnCatch(catcher);
      }
    }
    // Succeed and Fail have no transitions: they become Passes to the terminals.
    if (s.Type === 'Succeed') {
      const kept = Object.fromEntries(SUCCEED_KEEPS.filter((f) => Object.hasOwn(s, f)).map((f) => [f, s[f]]));
      s = { Type: 'Pass', Comment: `Was a Succeed state; now completes branch ${branch.name}.`, ...kept, Next: branch.completeTerminal };
    } else if (s.Type === 'Fail') {
      const comment = `Was a Fail state; now records the failure of branch ${branch.name} as data.`;
      s = inLanguage(dialect.recordError(s, branch.failedTerminal, comment), language, machineLanguage);
    }
    if (takesNext(s.Type) && s.End === true) {
      delete s.End;
      s.Next = branch.completeTerminal;
    }
    if (takesCatch(s.Type) && !hasFinalCatchAll(s.Catch)) {
      s.Catch = [...(Array.isArray(s.Catch) ? s.Catch : []), dialect.catchAll(branch.failedTerminal)];
    }
    states[name] = s;
    if (s.Type === 'Choice' && !Object.hasOwn(s, 'Default')) {
      // States.NoChoiceMatched would escape the branch and cancel its siblings: record it instead.
      const unmatched = context.unique(`${name}NoChoiceMatched`);
      s.Default = unmatched;
      context.addedInBranches.push(unmatched);
      states[unmatched] = inLanguage(
        dialect.recordError(
          { Error: 'States.NoChoiceMatched', Cause: `no Choice rule of ${name} matched` },
          branch.failedTerminal,
          `${name} had no Default: an input no rule matches records FAILED for branch ${branch.name} instead of throwing.`,
        ),
        language,
        machineLanguage,
      );
    }
  }
  // A terminal no path reaches is left out (a group of Pass states never fails; one that always fails never completes).
  const targets = new Set(Object.entries(states).flatMap(([n, st]) => writtenTransitions(st as JsonRecord, n).map((t) => t.target)));
  const terminals = isolationDialect(machineLanguage);
  if (targets.has(branch.completeTerminal)) {
    context.addedInBranches.push(branch.completeTerminal);
    states[branch.completeTerminal] = terminals.terminal(
      branch.statusField,
      'OK',
      `Branch ${branch.name} completed: records OK as data. A branch never throws, so it never cancels its siblings.`,
    );
  }
  if (targets.has(branch.failedTerminal)) {
    context.addedInBranches.push(branch.failedTerminal);
    states[branch.failedTerminal] = terminals.terminal(
      branch.statusField,
      'FAILED',
      `Branch ${branch.name} failed: records FAILED as data (the captured error stays at $.error); the machine fails after the join.`,
    );
  }
  return { StartAt: branch.startAt, States: states };
}
