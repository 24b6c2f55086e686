import { STATE_FIELDS } from './state-fields.js';

/** The eight Amazon States Language state types (case-sensitive). */
export const STATE_TYPES = ['Task', 'Pass', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map'] as const;
export type StateType = (typeof STATE_TYPES)[number];

export function isStateType(value: unknown): value is StateType {
  return typeof value === 'string' && (STATE_TYPES as readonly string[]).includes(value);
}

/** The state types whose schema (STATE_FIELDS) has this field. */
function typesWith(field: string): readonly StateType[] {
  return STATE_TYPES.filter((t) => (STATE_FIELDS[t] as readonly string[]).includes(field));
}

/** Types whose `Next` is a transition (Pass, Task, Wait, Parallel, Map); a missing or unknown Type also counts. */
export const NEXT_TYPES: readonly StateType[] = typesWith('Next');
/** Types that may carry `Retry` and `Catch` (Task, Parallel, Map). */
export const CATCH_TYPES: readonly StateType[] = typesWith('Catch');

/** Does a state of this Type (undefined / unknown = untyped) take `Next` / `End`? */
export function takesNext(type: unknown): boolean {
  return !isStateType(type) || NEXT_TYPES.includes(type);
}

export function takesCatch(type: unknown): boolean {
  return isStateType(type) && CATCH_TYPES.includes(type);
}

export type QueryLanguage = 'JSONPath' | 'JSONata';

/** Is this state a terminal of its scope (Succeed, Fail, or `"End": true` where End is allowed)? */
export function isTerminalState(state: Readonly<Record<string, unknown>>): boolean {
  return state.Type === 'Succeed' || state.Type === 'Fail' || (takesNext(state.Type) && state.End === true);
}

/** The query language a state is evaluated in: its own, else the machine's, else JSONPath. */
export function queryLanguageOf(state: Readonly<Record<string, unknown>>, definition: Readonly<Record<string, unknown>>): QueryLanguage {
  const own = state.QueryLanguage ?? definition.QueryLanguage;
  return own === 'JSONata' ? 'JSONata' : 'JSONPath';
}

/** Fields that exist in one query language only (the others exist in both). */
const QUERY_LANGUAGE_ONLY: Readonly<Record<string, QueryLanguage>> = {
  InputPath: 'JSONPath',
  OutputPath: 'JSONPath',
  Parameters: 'JSONPath',
  ResultPath: 'JSONPath',
  ResultSelector: 'JSONPath',
  Result: 'JSONPath',
  TimeoutSecondsPath: 'JSONPath',
  HeartbeatSecondsPath: 'JSONPath',
  SecondsPath: 'JSONPath',
  TimestampPath: 'JSONPath',
  ErrorPath: 'JSONPath',
  CausePath: 'JSONPath',
  ItemsPath: 'JSONPath',
  MaxConcurrencyPath: 'JSONPath',
  ToleratedFailurePercentagePath: 'JSONPath',
  ToleratedFailureCountPath: 'JSONPath',
  Arguments: 'JSONata',
  Output: 'JSONata',
  Items: 'JSONata',
};

export interface FieldRule {
  /** The state types that take the field. */
  types: readonly StateType[];
  /** The query language the field belongs to, when only one. */
  only?: QueryLanguage;
}

/**
 * Which state types may carry each known ASL field, and in which query language, derived from the
 * typed model (STATE_FIELDS). A known field on a type (or query language) not listed is
 * FIELD_NOT_ALLOWED; a field in no state's table is UNKNOWN_FIELD (check-state-fields.ts).
 */
export const FIELD_RULES: Readonly<Record<string, FieldRule>> = Object.fromEntries(
  [...new Set(STATE_TYPES.flatMap((t) => STATE_FIELDS[t]))].map((field) => {
    const only = QUERY_LANGUAGE_ONLY[field];
    const rule: FieldRule = { types: typesWith(field), ...(only ? { only } : {}) };
    return [field, rule];
  }),
);
