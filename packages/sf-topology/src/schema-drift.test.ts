import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ChoiceStateSchema,
  FailStateSchema,
  MapStateSchema,
  ParallelStateSchema,
  PassStateSchema,
  SucceedStateSchema,
  TaskStateSchema,
  WaitStateSchema,
} from './asl-model.js';
import { CONTRACT_CODES, EXTRA_CODES } from './diagnostic.js';
import { DiagnosticCodeSchema } from './diagnostic-schema.js';
import { STATE_FIELDS } from './state-fields.js';
import { STATE_TYPES } from './state-types.js';

// The zod-free tables validate() uses must say what the zod model says (their types: schema-drift.test-d.ts).

/** The object schema behind a state schema (Parallel and Map are lazy, for their nested scopes). */
function objectShape(schema: z.ZodType): Record<string, unknown> {
  const inner = schema instanceof z.ZodLazy ? schema.unwrap() : schema;
  if (!(inner instanceof z.ZodObject)) throw new Error(`not an object schema: ${inner.constructor.name}`);
  return inner.shape;
}

const STATE_SCHEMAS = {
  Task: TaskStateSchema,
  Pass: PassStateSchema,
  Choice: ChoiceStateSchema,
  Wait: WaitStateSchema,
  Succeed: SucceedStateSchema,
  Fail: FailStateSchema,
  Parallel: ParallelStateSchema,
  Map: MapStateSchema,
} satisfies Record<(typeof STATE_TYPES)[number], z.ZodType>;

describe('the zod-free tables equal the zod schemas', () => {
  it.each(STATE_TYPES)('STATE_FIELDS.%s is the fields of its state schema, in order', (type) => {
    expect(STATE_FIELDS[type]).toEqual(Object.keys(objectShape(STATE_SCHEMAS[type])));
  });

  it('STATE_FIELDS has exactly the eight state types', () => {
    expect(Object.keys(STATE_FIELDS).sort()).toEqual([...STATE_TYPES].sort());
  });

  it('DiagnosticCodeSchema accepts exactly the contract and extra codes', () => {
    expect(DiagnosticCodeSchema.options).toEqual([...CONTRACT_CODES, ...EXTRA_CODES]);
  });
});
