import { z } from 'zod';
import { ReplayEventSchema } from '../replay-events.js';

/** One factor measured (after its K replays), in catalogue order. */
export const LocalizeFactorEventSchema = z.object({
  event: z.literal('s18_localize_factor'),
  factor: z.string(),
  label: z.string(),
  moved: z.boolean(),
  max_delta: z.number(),
  values: z.array(z.number()),
  error: z.string().optional(),
});

/** The localisation's conclusion; `severity: warn` when a culprit was found. */
export const LocalizeResultEventSchema = z.object({
  event: z.literal('s18_localize_result'),
  severity: z.enum(['info', 'warn']),
  culprit: z.string().nullable(),
  sentence: z.string(),
  how_to_pin: z.string().nullable(),
  baseline_value: z.number(),
  replays_per_factor: z.number().int(),
});

/** What `localizeReplay` emits: the replay events of its runs, and the two localisation events. */
export const LocalizeEventSchema = z.union([ReplayEventSchema, LocalizeFactorEventSchema, LocalizeResultEventSchema]);
export type LocalizeEvent = z.infer<typeof LocalizeEventSchema>;
export type LocalizeEventSink = (event: LocalizeEvent) => void;
