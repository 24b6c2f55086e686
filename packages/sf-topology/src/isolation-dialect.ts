import type { JsonRecord } from './json-record.js';
import type { QueryLanguage } from './state-types.js';

/** Where the Parallel keeps its (selected) result; the aggregate replaces it with the branch statuses. */
export const PARALLEL_RESULT_PATH = '$.parallel_result';
/** Where a branch's catchers keep the captured error (a non-root ResultPath: the state is kept). */
export const BRANCH_ERROR_PATH = '$.error';
/** The error name of the Fail states the rewrite adds (and of the error handed to a failure handler). */
export const PARALLEL_BRANCH_FAILED = 'ParallelBranchFailed';

const ALL = 'States.ALL';
const RESULT_KEY = PARALLEL_RESULT_PATH.slice(2);
const ERROR_KEY = BRANCH_ERROR_PATH.slice(2);

/** A group as the generated states see it: its name, its status field, the state its failure goes to. */
export interface DialectBranch {
  name: string;
  statusField: string;
}

/**
 * The states and catchers the isolation rewrite generates, written in one query language. JSONPath
 * keeps the state with non-root ResultPaths; JSONata keeps it with `Output: {% $merge([$states.input,
 * {…}]) %}`. Both record the same data at the same places (`$.error`, `$.<status field>`,
 * `$.parallel_result.<group>`), so the post-join logic reads the same in either language.
 */
export interface IsolationDialect {
  readonly language: QueryLanguage;
  /** The final catch-all to a branch's FAILED terminal: keeps the state, captures the error at `$.error`. */
  catchAll(next: string): JsonRecord;
  /** Make an existing catcher re-pointed to the FAILED terminal keep the state and capture the error. */
  keepStateOnCatch(catcher: JsonRecord): void;
  /** A branch terminal: records `OK` / `FAILED` at `$.<status field>` as data, End: true. */
  terminal(statusField: string, status: 'OK' | 'FAILED', comment: string): JsonRecord;
  /** A Pass that records `{Error, Cause}` at `$.error` (values literal, or JSONata `{% … %}` in JSONata). */
  recordError(error: { Error?: unknown; Cause?: unknown; ErrorPath?: unknown; CausePath?: unknown }, next: string, comment: string): JsonRecord;
  /** The Parallel: keeps its input, selects each branch output under `$.parallel_result.<group>`. */
  parallel(branches: readonly DialectBranch[], scopes: JsonRecord[], failureTarget: string, next: string, comment: string): JsonRecord;
  /** After the join: `$.parallel_result` becomes `{group: "OK" | "FAILED", …}`. */
  aggregate(branches: readonly DialectBranch[], next: string): JsonRecord;
  /** A Choice: any FAILED goes to that branch's failure target; Default is the successor. */
  check(branches: readonly DialectBranch[], failTargets: ReadonlyMap<string, string>, successor: string): JsonRecord;
}

/** A JSONata expression string: `{% body %}`. */
function expression(body: string): string {
  return `{% ${body} %}`;
}

/** A value as a JSONata operand: a `{% … %}` string becomes its expression, anything else a JSON literal. */
export function jsonataOperand(value: unknown): string {
  if (typeof value === 'string') {
    const inner = /^\s*\{%([\s\S]*)%\}\s*$/.exec(value)?.[1];
    if (inner !== undefined) return `(${inner.trim()})`;
  }
  return JSON.stringify(value);
}

/** `{% $merge([$states.input, {'key': value, …}]) %}`: the state, with these top-level keys set. */
function mergeIntoInput(entries: readonly [string, string][]): string {
  return expression(`$merge([$states.input, {${entries.map(([k, v]) => `${JSON.stringify(k)}: ${v}`).join(', ')}}])`);
}

/** A field step in a JSONata path (backticked, so any group name is safe). */
function step(name: string): string {
  return `\`${name.replace(/`/g, '')}\``;
}

const jsonPath: IsolationDialect = {
  language: 'JSONPath',
  catchAll: (next) => ({ ErrorEquals: [ALL], ResultPath: BRANCH_ERROR_PATH, Next: next }),
  keepStateOnCatch(catcher) {
    if (!Object.hasOwn(catcher, 'ResultPath') || catcher.ResultPath === '$') catcher.ResultPath = BRANCH_ERROR_PATH;
  },
  terminal: (statusField, status, comment) => ({ Type: 'Pass', Comment: comment, Result: status, ResultPath: `$.${statusField}`, End: true }),
  recordError(error, next, comment) {
    const record: JsonRecord = {};
    for (const f of ['Error', 'Cause'] as const) {
      if (typeof error[f] === 'string') record[f] = error[f];
      if (typeof error[`${f}Path`] === 'string') record[`${f}.$`] = error[`${f}Path`];
    }
    const dynamic = Object.keys(record).some((k) => k.endsWith('.$'));
    return { Type: 'Pass', Comment: comment, ...(dynamic ? { Parameters: record } : { Result: record }), ResultPath: BRANCH_ERROR_PATH, Next: next };
  },
  parallel: (branches, scopes, failureTarget, next, comment) => ({
    Type: 'Parallel',
    Comment: comment,
    Branches: scopes,
    // `$[i]` of the result array into a named key: never an indexed `$.x[0].field` after the join.
    ResultSelector: Object.fromEntries(branches.map((b, i) => [`${b.name}.$`, `$[${i}]`])),
    ResultPath: PARALLEL_RESULT_PATH,
    Retry: [{ ErrorEquals: [ALL], MaxAttempts: 0 }],
    Catch: [{ ErrorEquals: [ALL], ResultPath: BRANCH_ERROR_PATH, Next: failureTarget }],
    Next: next,
  }),
  aggregate: (branches, next) => ({
    Type: 'Pass',
    Comment: 'Hoists each branch status; replaces the per-branch outputs with {group: OK|FAILED}.',
    Parameters: Object.fromEntries(branches.map((b) => [`${b.name}.$`, `${PARALLEL_RESULT_PATH}.${b.name}.${b.statusField}`])),
    ResultPath: PARALLEL_RESULT_PATH,
    Next: next,
  }),
  check: (branches, failTargets, successor) => ({
    Type: 'Choice',
    Comment: 'Fails the machine after the join if any branch recorded FAILED.',
    Choices: branches.map((b) => ({ Variable: `${PARALLEL_RESULT_PATH}.${b.name}`, StringEquals: 'FAILED', Next: failTargets.get(b.name)! })),
    Default: successor,
  }),
};

const caughtError = mergeIntoInput([[ERROR_KEY, '$states.errorOutput']]);

const jsonata: IsolationDialect = {
  language: 'JSONata',
  catchAll: (next) => ({ ErrorEquals: [ALL], Output: caughtError, Next: next }),
  keepStateOnCatch(catcher) {
    if (!Object.hasOwn(catcher, 'Output')) catcher.Output = caughtError;
  },
  terminal: (statusField, status, comment) => ({ Type: 'Pass', Comment: comment, Output: mergeIntoInput([[statusField, JSON.stringify(status)]]), End: true }),
  recordError(error, next, comment) {
    const fields: string[] = [];
    for (const f of ['Error', 'Cause'] as const) {
      if (error[f] !== undefined) fields.push(`${JSON.stringify(f)}: ${jsonataOperand(error[f])}`);
    }
    return { Type: 'Pass', Comment: comment, Output: mergeIntoInput([[ERROR_KEY, `{${fields.join(', ')}}`]]), Next: next };
  },
  parallel: (branches, scopes, failureTarget, next, comment) => ({
    Type: 'Parallel',
    Comment: comment,
    Branches: scopes,
    Output: mergeIntoInput([[RESULT_KEY, `{${branches.map((b, i) => `${JSON.stringify(b.name)}: $states.result[${i}]`).join(', ')}}`]]),
    Retry: [{ ErrorEquals: [ALL], MaxAttempts: 0 }],
    Catch: [{ ErrorEquals: [ALL], Output: caughtError, Next: failureTarget }],
    Next: next,
  }),
  aggregate: (branches, next) => ({
    Type: 'Pass',
    Comment: 'Hoists each branch status; replaces the per-branch outputs with {group: OK|FAILED}.',
    Output: mergeIntoInput([
      [RESULT_KEY, `{${branches.map((b) => `${JSON.stringify(b.name)}: $states.input.${step(RESULT_KEY)}.${step(b.name)}.${step(b.statusField)}`).join(', ')}}`],
    ]),
    Next: next,
  }),
  check: (branches, failTargets, successor) => ({
    Type: 'Choice',
    Comment: 'Fails the machine after the join if any branch recorded FAILED.',
    Choices: branches.map((b) => ({ Condition: expression(`$states.input.${step(RESULT_KEY)}.${step(b.name)} = 'FAILED'`), Next: failTargets.get(b.name)! })),
    Default: successor,
  }),
};

/** The dialect of a query language. */
export function isolationDialect(language: QueryLanguage): IsolationDialect {
  return language === 'JSONata' ? jsonata : jsonPath;
}
