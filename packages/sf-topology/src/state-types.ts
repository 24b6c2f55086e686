/** The eight Amazon States Language state types (case-sensitive). */
export const STATE_TYPES = ['Task', 'Pass', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map'] as const;
export type StateType = (typeof STATE_TYPES)[number];

export function isStateType(value: unknown): value is StateType {
  return typeof value === 'string' && (STATE_TYPES as readonly string[]).includes(value);
}

/** Types whose `Next` is a transition; a state with a missing or unknown Type also counts. */
export const NEXT_TYPES: readonly StateType[] = ['Pass', 'Task', 'Wait', 'Parallel', 'Map'];
/** Types that may carry `Retry` and `Catch`. */
export const CATCH_TYPES: readonly StateType[] = ['Task', 'Parallel', 'Map'];

/** Does a state of this Type (undefined / unknown = untyped) take `Next` / `End`? */
export function takesNext(type: unknown): boolean {
  return !isStateType(type) || NEXT_TYPES.includes(type);
}

export function takesCatch(type: unknown): boolean {
  return isStateType(type) && CATCH_TYPES.includes(type);
}

export type QueryLanguage = 'JSONPath' | 'JSONata';

const ALL: readonly StateType[] = STATE_TYPES;
const WITH_NEXT: readonly StateType[] = NEXT_TYPES;

/**
 * Which state types may carry each known ASL field, and in which query language. A known field on a
 * type (or query language) not listed is FIELD_NOT_ALLOWED; fields not in this table are kept, not judged.
 */
export const FIELD_RULES: Readonly<Record<string, { types: readonly StateType[]; only?: QueryLanguage }>> = {
  Type: { types: ALL },
  Comment: { types: ALL },
  QueryLanguage: { types: ALL },
  Next: { types: WITH_NEXT },
  End: { types: WITH_NEXT },
  InputPath: { types: ['Pass', 'Task', 'Choice', 'Wait', 'Succeed', 'Parallel', 'Map'], only: 'JSONPath' },
  OutputPath: { types: ['Pass', 'Task', 'Choice', 'Wait', 'Succeed', 'Parallel', 'Map'], only: 'JSONPath' },
  Parameters: { types: ['Pass', 'Task', 'Parallel', 'Map'], only: 'JSONPath' },
  ResultPath: { types: ['Pass', 'Task', 'Parallel', 'Map'], only: 'JSONPath' },
  ResultSelector: { types: ['Task', 'Parallel', 'Map'], only: 'JSONPath' },
  Result: { types: ['Pass'], only: 'JSONPath' },
  Arguments: { types: ['Task', 'Parallel', 'Map'], only: 'JSONata' },
  Output: { types: ['Pass', 'Task', 'Choice', 'Wait', 'Succeed', 'Parallel', 'Map'], only: 'JSONata' },
  Assign: { types: ['Pass', 'Task', 'Choice', 'Wait', 'Parallel', 'Map'] },
  Retry: { types: CATCH_TYPES },
  Catch: { types: CATCH_TYPES },
  Resource: { types: ['Task'] },
  TimeoutSeconds: { types: ['Task'] },
  TimeoutSecondsPath: { types: ['Task'], only: 'JSONPath' },
  HeartbeatSeconds: { types: ['Task'] },
  HeartbeatSecondsPath: { types: ['Task'], only: 'JSONPath' },
  Credentials: { types: ['Task'] },
  Choices: { types: ['Choice'] },
  Default: { types: ['Choice'] },
  Seconds: { types: ['Wait'] },
  SecondsPath: { types: ['Wait'], only: 'JSONPath' },
  Timestamp: { types: ['Wait'] },
  TimestampPath: { types: ['Wait'], only: 'JSONPath' },
  Error: { types: ['Fail'] },
  ErrorPath: { types: ['Fail'], only: 'JSONPath' },
  Cause: { types: ['Fail'] },
  CausePath: { types: ['Fail'], only: 'JSONPath' },
  Branches: { types: ['Parallel'] },
  ItemProcessor: { types: ['Map'] },
  Iterator: { types: ['Map'] },
  ItemReader: { types: ['Map'] },
  ItemSelector: { types: ['Map'] },
  ItemBatcher: { types: ['Map'] },
  ResultWriter: { types: ['Map'] },
  ItemsPath: { types: ['Map'], only: 'JSONPath' },
  Items: { types: ['Map'], only: 'JSONata' },
  MaxConcurrency: { types: ['Map'] },
  MaxConcurrencyPath: { types: ['Map'], only: 'JSONPath' },
  ToleratedFailurePercentage: { types: ['Map'] },
  ToleratedFailurePercentagePath: { types: ['Map'], only: 'JSONPath' },
  ToleratedFailureCount: { types: ['Map'] },
  ToleratedFailureCountPath: { types: ['Map'], only: 'JSONPath' },
  Label: { types: ['Map'] },
};
