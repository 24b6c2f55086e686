import { z } from 'zod';

/** One varied factor of a localisation: the metric values its K replays gave, against the pinned baseline. */
export const localizedFactorSchema = z.object({
  /** Stable id from the factor catalogue (`hash_seed`, `threads_all`, `locale`, …). */
  factor: z.string().min(1),
  /** What was varied, for humans. */
  label: z.string(),
  /** True when at least one replay's value differs from the baseline (IEEE-754 exact, as H1). */
  moved: z.boolean(),
  /** max |value − baseline| over the replays (0 when none moved or none succeeded). */
  max_delta: z.number(),
  /** The finite metric values of the factor's successful replays, in run order. */
  values: z.array(z.number()),
  /** Why (some of) the factor's replays failed, when they did: `<kind>: <message>`. */
  error: z.string().optional(),
});

/** The `localization` field of a verdict artefact (snake_case): which factor moves the metric, ranked. */
export const localizationSchema = z.object({
  /** The metric value of the pinned baseline replay. */
  baseline_value: z.number(),
  /** K: replays run per factor. */
  replays_per_factor: z.number().int().min(1),
  /** Ranked: moved factors first, largest max_delta first; ties keep catalogue order. */
  factors: z.array(localizedFactorSchema),
  /** The id of the factor that moves the metric, or null when none does. */
  culprit: z.string().nullable(),
  /** One sentence naming the culprit (or saying that nothing moved). */
  sentence: z.string(),
  /** How to pin the culprit, or null when there is none. */
  how_to_pin: z.string().nullable(),
});

export type LocalizedFactor = z.infer<typeof localizedFactorSchema>;
export type Localization = z.infer<typeof localizationSchema>;
