/**
 * The events of @repro/sf-topology as plain types, without zod (validate() emits through SfEventSink,
 * and the `@repro/sf-topology/validate` entry must not load zod). Their zod schemas are in
 * sf-events.ts; `schema-drift.test-d.ts` fails when a type and its schema's output differ.
 * Type aliases, not interfaces, as the z.infer types they replace: assignable to Record<string, unknown>.
 */
export type SfValidateOutcomeEvent = {
  event: 'sf_validate_outcome';
  valid: boolean;
  errors: number;
  warnings: number;
};

export type SfParallelizeOutcomeEvent = {
  event: 'sf_parallelize_outcome';
  parallel_state: string;
  branches: { name: string; start_at: string; states: number }[];
  successor: string | null;
  rewired_inbound: number;
  repointed_to_failed: number;
  /** How many ParallelizeWarnings the result carries. */
  warnings: number;
};

export type SfParallelizeRefusedEvent = {
  event: 'sf_parallelize_refused';
  code: string;
  message: string;
};

export type SfEvent = SfValidateOutcomeEvent | SfParallelizeOutcomeEvent | SfParallelizeRefusedEvent;
export type SfEventSink = (event: SfEvent) => void;
