import { z } from 'zod';

/** One factor `localize` varied: its replays' values and how far they moved from the baseline. */
export const localizationFactorSchema = z.object({
  factor: z.string().min(1),
  label: z.string().min(1),
  moved: z.boolean(),
  max_delta: z.number(),
  values: z.array(z.number()),
  error: z.string().optional(),
});

/**
 * The localisation result stored in a verdict artefact as the optional field `localization` (the shape
 * agreed across Repro: factors ranked, largest max_delta first).
 */
export const localizationSchema = z.object({
  baseline_value: z.number(),
  replays_per_factor: z.number().int().min(1),
  factors: z.array(localizationFactorSchema),
  culprit: z.string().nullable(),
  sentence: z.string(),
  how_to_pin: z.string().nullable(),
});

export type LocalizationFactor = z.infer<typeof localizationFactorSchema>;
export type Localization = z.infer<typeof localizationSchema>;
