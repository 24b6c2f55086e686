import { z } from 'zod';
import { REPLAY_ERROR_KINDS } from './replay-error.js';

const base = {
  /** The replay's label (`A`, `B`, `run-3`, …). */
  label: z.string(),
  pin_mode: z.enum(['pinned', 'uncapped']),
};

export const replayStartedEventSchema = z.object({
  event: z.literal('replay_started'),
  ...base,
  pid: z.number().int(),
  argv: z.array(z.string()),
  knobs: z.record(z.string(), z.string()),
});

export const replayFinishedEventSchema = z.object({
  event: z.literal('replay_finished'),
  ...base,
  duration_ms: z.number(),
  metrics: z.record(z.string(), z.number()),
});

export const replayFailedEventSchema = z.object({
  event: z.literal('replay_failed'),
  /** A failed replay makes the verdict INCONCLUSIVE_TOOLING: worth a warning line. */
  severity: z.literal('warning'),
  ...base,
  duration_ms: z.number(),
  kind: z.enum(REPLAY_ERROR_KINDS),
  message: z.string(),
  /** The last lines of the child's stderr, bounded, secrets redacted. */
  stderr_tail: z.string().optional(),
});

/** Numeric variables of the parent the child did NOT get (`numericEnv: 'drop'`): the env changed silently otherwise. */
export const replayEnvDroppedEventSchema = z.object({
  event: z.literal('replay_env_dropped'),
  severity: z.literal('warning'),
  ...base,
  /** The dropped variables (values not included). */
  names: z.array(z.string()),
});

/** The runner's event catalogue (localisation adds `localizeEventSchema`'s two events). */
export const replayEventSchema = z.discriminatedUnion('event', [
  replayStartedEventSchema,
  replayFinishedEventSchema,
  replayFailedEventSchema,
  replayEnvDroppedEventSchema,
]);
export type ReplayStartedEvent = z.infer<typeof replayStartedEventSchema>;
export type ReplayFinishedEvent = z.infer<typeof replayFinishedEventSchema>;
export type ReplayFailedEvent = z.infer<typeof replayFailedEventSchema>;
export type ReplayEnvDroppedEvent = z.infer<typeof replayEnvDroppedEventSchema>;
export type ReplayEvent = z.infer<typeof replayEventSchema>;

/** Where the runner sends its events (default: nowhere). It never prints. */
export type ReplayEventSink = (event: ReplayEvent) => void;
