import { z } from 'zod';
import { replayEventSchema } from '../replay-events.js';

/** One factor measured (after its K replays), in catalogue order. */
export const localizeFactorEventSchema = z.object({
  event: z.literal('s18_localize_factor'),
  factor: z.string(),
  label: z.string(),
  moved: z.boolean(),
  max_delta: z.number(),
  values: z.array(z.number()),
  error: z.string().optional(),
});

/** The localisation's conclusion; `severity: warning` when a culprit was found. */
export const localizeResultEventSchema = z.object({
  event: z.literal('s18_localize_result'),
  severity: z.enum(['info', 'warning']),
  culprit: z.string().nullable(),
  sentence: z.string(),
  how_to_pin: z.string().nullable(),
  baseline_value: z.number(),
  replays_per_factor: z.number().int(),
});

/** What `localizeReplay` emits: the replay events of its runs, and the two localisation events. */
export const localizeEventSchema = z.union([replayEventSchema, localizeFactorEventSchema, localizeResultEventSchema]);
export type LocalizeFactorEvent = z.infer<typeof localizeFactorEventSchema>;
export type LocalizeResultEvent = z.infer<typeof localizeResultEventSchema>;
export type LocalizeEvent = z.infer<typeof localizeEventSchema>;
export type LocalizeEventSink = (event: LocalizeEvent) => void;
