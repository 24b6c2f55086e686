import { z } from 'zod';

/**
 * The typed model of an Amazon States Language definition. Every object is loose: fields the model
 * does not name are kept as they are, never dropped. Values that may be a JSONata expression
 * (`"{% … %}"`) are typed `number | string`. The fields of each state type are also listed without zod
 * (STATE_FIELDS, state-fields.ts, which validate() uses); `schema-drift.test.ts` keeps the two equal.
 */

const NumberOrExpression = z.union([z.number(), z.string()]);
/** A payload template (Parameters, ResultSelector, ItemSelector, Arguments, Output, Assign, Result). */
const Template = z.unknown();
const QueryLanguageSchema = z.enum(['JSONPath', 'JSONata']);

export const RetrierSchema = z.looseObject({
  ErrorEquals: z.array(z.string()).min(1),
  IntervalSeconds: z.number().int().min(1).optional(),
  MaxAttempts: z.number().int().min(0).optional(),
  BackoffRate: z.number().min(1).optional(),
  MaxDelaySeconds: z.number().int().min(1).optional(),
  JitterStrategy: z.enum(['FULL', 'NONE']).optional(),
  Comment: z.string().optional(),
});
export type Retrier = z.infer<typeof RetrierSchema>;

export const CatcherSchema = z.looseObject({
  ErrorEquals: z.array(z.string()).min(1),
  Next: z.string(),
  ResultPath: z.string().nullable().optional(),
  Output: Template.optional(),
  Assign: Template.optional(),
  Comment: z.string().optional(),
});
export type Catcher = z.infer<typeof CatcherSchema>;

/** A Choice rule: a comparison on `Variable` (JSONPath), a `Condition` (JSONata), or And / Or / Not. */
export interface ChoiceRule {
  Variable?: string | undefined;
  Condition?: string | undefined;
  And?: ChoiceRule[] | undefined;
  Or?: ChoiceRule[] | undefined;
  Not?: ChoiceRule | undefined;
  Next?: string | undefined;
  [field: string]: unknown;
}

export const ChoiceRuleSchema: z.ZodType<ChoiceRule> = z.lazy(() =>
  z.looseObject({
    Variable: z.string().optional(),
    Condition: z.string().optional(),
    And: z.array(ChoiceRuleSchema).optional(),
    Or: z.array(ChoiceRuleSchema).optional(),
    Not: ChoiceRuleSchema.optional(),
    Next: z.string().optional(),
  }),
);

const common = {
  Comment: z.string().optional(),
  QueryLanguage: QueryLanguageSchema.optional(),
};
const io = {
  InputPath: z.string().nullable().optional(),
  OutputPath: z.string().nullable().optional(),
  Output: Template.optional(),
  Assign: Template.optional(),
};
const flow = { Next: z.string().optional(), End: z.boolean().optional() };
const resultHandling = {
  Parameters: Template.optional(),
  ResultPath: z.string().nullable().optional(),
  ResultSelector: Template.optional(),
  Retry: z.array(RetrierSchema).optional(),
  Catch: z.array(CatcherSchema).optional(),
};
/** JSONata input of a Task or of each Parallel branch (a Map shapes items with ItemSelector instead). */
const args = { Arguments: Template.optional() };

export const PassStateSchema = z.looseObject({
  Type: z.literal('Pass'),
  ...common,
  ...io,
  ...flow,
  Parameters: Template.optional(),
  Result: Template.optional(),
  ResultPath: z.string().nullable().optional(),
});

export const TaskStateSchema = z.looseObject({
  Type: z.literal('Task'),
  ...common,
  ...io,
  ...flow,
  ...resultHandling,
  ...args,
  Resource: z.string(),
  TimeoutSeconds: NumberOrExpression.optional(),
  TimeoutSecondsPath: z.string().optional(),
  HeartbeatSeconds: NumberOrExpression.optional(),
  HeartbeatSecondsPath: z.string().optional(),
  Credentials: Template.optional(),
});

export const ChoiceStateSchema = z.looseObject({
  Type: z.literal('Choice'),
  ...common,
  ...io,
  Choices: z.array(ChoiceRuleSchema).min(1),
  Default: z.string().optional(),
});

export const WaitStateSchema = z.looseObject({
  Type: z.literal('Wait'),
  ...common,
  ...io,
  ...flow,
  Seconds: NumberOrExpression.optional(),
  SecondsPath: z.string().optional(),
  Timestamp: z.string().optional(),
  TimestampPath: z.string().optional(),
});

export const SucceedStateSchema = z.looseObject({
  Type: z.literal('Succeed'),
  ...common,
  InputPath: z.string().nullable().optional(),
  OutputPath: z.string().nullable().optional(),
  Output: Template.optional(),
});

export const FailStateSchema = z.looseObject({
  Type: z.literal('Fail'),
  ...common,
  Error: z.string().optional(),
  ErrorPath: z.string().optional(),
  Cause: z.string().optional(),
  CausePath: z.string().optional(),
});

/** A scope: the root machine, a Parallel branch, or a Map ItemProcessor / Iterator. */
export interface StateMachineScope {
  StartAt: string;
  States: Record<string, State>;
  Comment?: string | undefined;
  [field: string]: unknown;
}

export type ParallelState = z.infer<typeof ParallelStateBase> & { Branches: StateMachineScope[] };
export type MapState = z.infer<typeof MapStateBase> & {
  ItemProcessor?: (StateMachineScope & { ProcessorConfig?: ProcessorConfig | undefined }) | undefined;
  Iterator?: StateMachineScope | undefined;
};
export type PassState = z.infer<typeof PassStateSchema>;
export type TaskState = z.infer<typeof TaskStateSchema>;
export type ChoiceState = z.infer<typeof ChoiceStateSchema>;
export type WaitState = z.infer<typeof WaitStateSchema>;
export type SucceedState = z.infer<typeof SucceedStateSchema>;
export type FailState = z.infer<typeof FailStateSchema>;
export type State = PassState | TaskState | ChoiceState | WaitState | SucceedState | FailState | ParallelState | MapState;

export const ProcessorConfigSchema = z.looseObject({
  Mode: z.enum(['INLINE', 'DISTRIBUTED']).optional(),
  ExecutionType: z.enum(['STANDARD', 'EXPRESS']).optional(),
});
export type ProcessorConfig = z.infer<typeof ProcessorConfigSchema>;

const ParallelStateBase = z.looseObject({
  Type: z.literal('Parallel'),
  ...common,
  ...io,
  ...flow,
  ...resultHandling,
  ...args,
});

const MapStateBase = z.looseObject({
  Type: z.literal('Map'),
  ...common,
  ...io,
  ...flow,
  ...resultHandling,
  ItemsPath: z.string().optional(),
  Items: z.unknown().optional(),
  ItemSelector: Template.optional(),
  ItemReader: z
    .looseObject({ Resource: z.string(), ReaderConfig: z.looseObject({}).optional(), Parameters: Template.optional(), Arguments: Template.optional() })
    .optional(),
  ItemBatcher: z
    .looseObject({
      MaxItemsPerBatch: NumberOrExpression.optional(),
      MaxItemsPerBatchPath: z.string().optional(),
      MaxInputBytesPerBatch: NumberOrExpression.optional(),
      MaxInputBytesPerBatchPath: z.string().optional(),
      BatchInput: Template.optional(),
    })
    .optional(),
  ResultWriter: z.looseObject({}).optional(),
  MaxConcurrency: NumberOrExpression.optional(),
  MaxConcurrencyPath: z.string().optional(),
  ToleratedFailurePercentage: NumberOrExpression.optional(),
  ToleratedFailurePercentagePath: z.string().optional(),
  ToleratedFailureCount: NumberOrExpression.optional(),
  ToleratedFailureCountPath: z.string().optional(),
  Label: z.string().optional(),
});

export const StateMachineScopeSchema: z.ZodType<StateMachineScope> = z.lazy(() =>
  z.looseObject({
    StartAt: z.string(),
    States: z.record(z.string(), StateSchema),
    Comment: z.string().optional(),
  }),
);

export const ParallelStateSchema: z.ZodType<ParallelState> = z.lazy(() =>
  ParallelStateBase.extend({ Branches: z.array(StateMachineScopeSchema).min(1) }),
) as z.ZodType<ParallelState>;

export const MapStateSchema: z.ZodType<MapState> = z.lazy(() =>
  MapStateBase.extend({
    ItemProcessor: z
      .lazy(() => z.intersection(StateMachineScopeSchema, z.looseObject({ ProcessorConfig: ProcessorConfigSchema.optional() })))
      .optional(),
    Iterator: StateMachineScopeSchema.optional(),
  }).refine((m) => m.ItemProcessor !== undefined || m.Iterator !== undefined, {
    message: 'a Map state needs an ItemProcessor (or the legacy Iterator)',
    path: ['ItemProcessor'],
  }),
) as z.ZodType<MapState>;

export const StateSchema: z.ZodType<State> = z.lazy(() =>
  z.discriminatedUnion('Type', [
    PassStateSchema,
    TaskStateSchema,
    ChoiceStateSchema,
    WaitStateSchema,
    SucceedStateSchema,
    FailStateSchema,
    ParallelStateSchema as unknown as typeof PassStateSchema,
    MapStateSchema as unknown as typeof PassStateSchema,
  ]),
) as z.ZodType<State>;

/** A whole state machine: a root scope plus the machine-level fields. */
export interface StateMachineDefinition extends StateMachineScope {
  QueryLanguage?: 'JSONPath' | 'JSONata' | undefined;
  TimeoutSeconds?: number | undefined;
  Version?: string | undefined;
}

export const StateMachineDefinitionSchema: z.ZodType<StateMachineDefinition> = z.lazy(() =>
  z.looseObject({
    StartAt: z.string(),
    States: z.record(z.string(), StateSchema),
    Comment: z.string().optional(),
    QueryLanguage: QueryLanguageSchema.optional(),
    TimeoutSeconds: z.number().int().positive().optional(),
    Version: z.string().optional(),
  }),
);
