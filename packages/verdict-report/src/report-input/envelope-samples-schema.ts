import { z } from 'zod';

/**
 * The production-config runs eps_prod was measured from, as the store keeps them (an `EpsProdRecord` of
 * @repro/canonical-provenance fits): only `samples` is required; the rest labels the plot.
 */
export const envelopeSamplesSchema = z.object({
  samples: z.array(z.number()),
  image_sha: z.string().optional(),
  status: z.enum(['measured', 'unmeasured']).optional(),
  eps_prod: z.number().nullable().optional(),
  method: z.string().optional(),
  n: z.number().int().optional(),
  coverage: z.number().optional(),
  confidence: z.number().optional(),
  measured_at: z.string().optional(),
});

export type EnvelopeSamples = z.infer<typeof envelopeSamplesSchema>;

/** What a caller may pass as envelope samples: read-only arrays welcome (the store's EpsProdRecord is one). */
export type EnvelopeSamplesInput = Readonly<Omit<EnvelopeSamples, 'samples'>> & { readonly samples: readonly number[] };
