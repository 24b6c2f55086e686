import { z } from 'zod';
import { determinismStatusSchema, parityStateSchema, verdictCauseSchema, verdictNameSchema, verdictReasonSchema } from './verdict-schema.js';

const cellFields = { cell: z.string(), metric: z.string() };

/** Emitted for every cell, ERROR included (no observability hole). */
export const replayDeterminismEventSchema = z.object({
  event: z.literal('s18_replay_determinism'),
  ...cellFields,
  status: determinismStatusSchema,
  abs_delta_runs: z.number().nullable(),
});

/** Emitted on H1 FAIL, at warning severity, so the cause is visible without parsing the artefact. */
export const replayDeterminismCauseEventSchema = z.object({
  event: z.literal('s18_replay_determinism_cause'),
  ...cellFields,
  severity: z.literal('warning'),
  cause: z.enum(['numeric_residue', 'real_instability']),
});

/** Emitted on the H2 path (H1 PASS, canonical present, eps_prod measured): info within epsilon, else warning. */
export const replayDivergenceEventSchema = z.object({
  event: z.literal('s18_replay_divergence'),
  ...cellFields,
  severity: z.enum(['info', 'warning']),
  abs_delta: z.number(),
  epsilon: z.number(),
  parity_state: parityStateSchema,
});

/** Emitted once per decided cell. */
export const replayVerdictEventSchema = z.object({
  event: z.literal('s18_replay_verdict'),
  ...cellFields,
  verdict: verdictNameSchema,
  cause: verdictCauseSchema.nullable(),
  reason: verdictReasonSchema.nullable(),
});

export const verdictEventSchema = z.discriminatedUnion('event', [
  replayDeterminismEventSchema,
  replayDeterminismCauseEventSchema,
  replayDivergenceEventSchema,
  replayVerdictEventSchema,
]);

export type ReplayDeterminismEvent = z.infer<typeof replayDeterminismEventSchema>;
export type ReplayDeterminismCauseEvent = z.infer<typeof replayDeterminismCauseEventSchema>;
export type ReplayDivergenceEvent = z.infer<typeof replayDivergenceEventSchema>;
export type ReplayVerdictEvent = z.infer<typeof replayVerdictEventSchema>;
export type VerdictEvent = z.infer<typeof verdictEventSchema>;
/** The names of the verdict event catalogue, in emission order. */
export const VERDICT_EVENT_NAMES = ['s18_replay_determinism', 's18_replay_determinism_cause', 's18_replay_divergence', 's18_replay_verdict'] as const;

/** An injected event sink. Libraries never print: they call this (default: drop). */
export type EventSink<E> = (event: E) => void;
