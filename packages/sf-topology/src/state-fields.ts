// Written without zod, so that validate() (and the `@repro/sf-topology/validate` entry) never loads it.
const COMMON = ['Comment', 'QueryLanguage'];
const IO = ['InputPath', 'OutputPath', 'Output', 'Assign'];
const FLOW = ['Next', 'End'];
const RESULT_HANDLING = ['Parameters', 'ResultPath', 'ResultSelector', 'Retry', 'Catch'];

/**
 * The fields each state type takes. The typed model's schemas (asl-model.ts) name the same fields in
 * the same order (`schema-drift.test.ts` fails when they differ). The validator's FIELD_NOT_ALLOWED
 * rules (state-types.ts) and its UNKNOWN_FIELD table (field-catalog.ts) are derived from it. (Its
 * declared type is the one it had when it was read off the schemas' shapes.)
 */
export const STATE_FIELDS: {
  readonly Task: string[];
  readonly Pass: string[];
  readonly Choice: string[];
  readonly Wait: string[];
  readonly Succeed: string[];
  readonly Fail: string[];
  readonly Parallel: readonly [...string[], 'Branches'];
  readonly Map: readonly [...string[], 'ItemProcessor', 'Iterator'];
} = {
  Task: [
    'Type',
    ...COMMON,
    ...IO,
    ...FLOW,
    ...RESULT_HANDLING,
    'Arguments',
    'Resource',
    'TimeoutSeconds',
    'TimeoutSecondsPath',
    'HeartbeatSeconds',
    'HeartbeatSecondsPath',
    'Credentials',
  ],
  Pass: ['Type', ...COMMON, ...IO, ...FLOW, 'Parameters', 'Result', 'ResultPath'],
  Choice: ['Type', ...COMMON, ...IO, 'Choices', 'Default'],
  Wait: ['Type', ...COMMON, ...IO, ...FLOW, 'Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath'],
  Succeed: ['Type', ...COMMON, 'InputPath', 'OutputPath', 'Output'],
  Fail: ['Type', ...COMMON, 'Error', 'ErrorPath', 'Cause', 'CausePath'],
  Parallel: ['Type', ...COMMON, ...IO, ...FLOW, ...RESULT_HANDLING, 'Arguments', 'Branches'],
  Map: [
    'Type',
    ...COMMON,
    ...IO,
    ...FLOW,
    ...RESULT_HANDLING,
    'ItemsPath',
    'Items',
    'ItemSelector',
    'ItemReader',
    'ItemBatcher',
    'ResultWriter',
    'MaxConcurrency',
    'MaxConcurrencyPath',
    'ToleratedFailurePercentage',
    'ToleratedFailurePercentagePath',
    'ToleratedFailureCount',
    'ToleratedFailureCountPath',
    'Label',
    'ItemProcessor',
    'Iterator',
  ],
};
