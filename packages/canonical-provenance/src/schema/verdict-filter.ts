import { z } from 'zod';

export const MAX_VERDICT_LIMIT = 10_000;

export const verdictFilterSchema = z.strictObject({
  cell: z.string().min(1, 'must be a non-empty string').optional(),
  metric: z.string().min(1, 'must be a non-empty string').optional(),
  verdict: z.enum(['FIDELITY_OK', 'NON_DETERMINISTIC', 'CANONICAL_DIVERGENCE', 'INCONCLUSIVE_TOOLING']).optional(),
  /** At most this many, newest first (default 100, at most 10 000). */
  limit: z.number().int('must be an integer').min(1, 'must be ≥ 1').max(MAX_VERDICT_LIMIT, `must be ≤ ${MAX_VERDICT_LIMIT}`).default(100),
});

export type VerdictFilter = z.input<typeof verdictFilterSchema>;
