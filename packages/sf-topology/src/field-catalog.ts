import { STATE_FIELDS } from './state-fields.js';
import type { QueryLanguage } from './state-types.js';

/**
 * The fields each ASL object defines, beyond the states themselves (whose fields are STATE_FIELDS,
 * state-fields.ts): the machine, a scope, Retrier, Catcher, Choice rules, Map configurations. A field
 * listed with a query language exists in that language only. Anything else is UNKNOWN_FIELD.
 */
export type FieldTable = Readonly<Record<string, QueryLanguage | 'both'>>;

/** Every field some state type defines (a field outside it, on a state, is UNKNOWN_FIELD). */
export const ALL_STATE_FIELDS: ReadonlySet<string> = new Set(Object.values(STATE_FIELDS).flat());

export const MACHINE_FIELDS: FieldTable = { StartAt: 'both', States: 'both', Comment: 'both', Version: 'both', TimeoutSeconds: 'both', QueryLanguage: 'both' };
export const BRANCH_FIELDS: FieldTable = { StartAt: 'both', States: 'both', Comment: 'both' };
export const ITEM_PROCESSOR_FIELDS: FieldTable = { ...BRANCH_FIELDS, ProcessorConfig: 'both' };
export const PROCESSOR_CONFIG_FIELDS: FieldTable = { Mode: 'both', ExecutionType: 'both' };

export const RETRIER_FIELDS: FieldTable = {
  ErrorEquals: 'both',
  IntervalSeconds: 'both',
  MaxAttempts: 'both',
  BackoffRate: 'both',
  MaxDelaySeconds: 'both',
  JitterStrategy: 'both',
  Comment: 'both',
};
export const CATCHER_FIELDS: FieldTable = { ErrorEquals: 'both', Next: 'both', ResultPath: 'JSONPath', Output: 'JSONata', Assign: 'both', Comment: 'both' };

export const ITEM_READER_FIELDS: FieldTable = { Resource: 'both', ReaderConfig: 'both', Parameters: 'JSONPath', Arguments: 'JSONata' };
export const READER_CONFIG_FIELDS: FieldTable = {
  InputType: 'both',
  CSVHeaderLocation: 'both',
  CSVHeaders: 'both',
  CSVDelimiter: 'both',
  ManifestType: 'both',
  ItemsPointer: 'both',
  MaxItems: 'both',
  MaxItemsPath: 'JSONPath',
};
export const ITEM_BATCHER_FIELDS: FieldTable = {
  MaxItemsPerBatch: 'both',
  MaxItemsPerBatchPath: 'JSONPath',
  MaxInputBytesPerBatch: 'both',
  MaxInputBytesPerBatchPath: 'JSONPath',
  BatchInput: 'both',
};
export const RESULT_WRITER_FIELDS: FieldTable = { Resource: 'both', Parameters: 'JSONPath', Arguments: 'JSONata', WriterConfig: 'both' };
export const WRITER_CONFIG_FIELDS: FieldTable = { OutputType: 'both', Transformation: 'both' };
export const CREDENTIALS_FIELDS: FieldTable = { RoleArn: 'both', 'RoleArn.$': 'JSONPath' };

/** The comparison operators of a JSONPath Choice rule, by the operand each takes. */
export const COMPARISON_OPERATORS: Readonly<Record<string, 'string' | 'number' | 'boolean' | 'timestamp' | 'path'>> = (() => {
  const table: Record<string, 'string' | 'number' | 'boolean' | 'timestamp' | 'path'> = {};
  const suffixes = ['Equals', 'LessThan', 'GreaterThan', 'LessThanEquals', 'GreaterThanEquals'];
  for (const [prefix, operand] of [
    ['String', 'string'],
    ['Numeric', 'number'],
    ['Timestamp', 'timestamp'],
  ] as const) {
    for (const s of suffixes) {
      table[`${prefix}${s}`] = operand;
      table[`${prefix}${s}Path`] = 'path';
    }
  }
  table.StringMatches = 'string';
  table.BooleanEquals = 'boolean';
  table.BooleanEqualsPath = 'path';
  for (const test of ['IsNull', 'IsPresent', 'IsNumeric', 'IsString', 'IsBoolean', 'IsTimestamp']) table[test] = 'boolean';
  return table;
})();

/** Fields of a Choice rule other than the operators (top-level rules; nested rules take no Next/Assign/Output). */
export const CHOICE_RULE_FIELDS: FieldTable = {
  Variable: 'JSONPath',
  And: 'JSONPath',
  Or: 'JSONPath',
  Not: 'JSONPath',
  Condition: 'JSONata',
  Next: 'both',
  Comment: 'both',
  Assign: 'both',
  Output: 'JSONata',
};
