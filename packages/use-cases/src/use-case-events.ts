import type { LocalizeEvent, ReplayEvent } from '@repro/replay-runner';
import type { S43Event } from '@repro/s43-transport';
import type { VerdictEvent } from '@repro/verdict-core';
import { z } from 'zod';

/** An envelope measurement found eps_prod stored for its key and reused it (no runs; `force` re-measures). */
export const epsProdReusedEventSchema = z.object({
  event: z.literal('eps_prod_reused'),
  image_sha: z.string(),
  cell: z.string(),
  metric: z.string(),
  status: z.enum(['measured', 'unmeasured']),
  eps_prod: z.number().nullable(),
  n: z.number().int().nonnegative(),
  measured_at: z.string(),
});

/** A verdict run found its verdict already decided (a retried job) and stored that one, without replays. */
export const verdictReusedEventSchema = z.object({
  event: z.literal('verdict_reused'),
  cell: z.string(),
  metric: z.string(),
  verdict: z.string(),
});

/** An envelope measurement found eps_prod stored as unmeasured for its key: no number to reuse, so it measures again (warn). */
export const epsProdRemeasuredEventSchema = z.object({
  event: z.literal('eps_prod_remeasured'),
  severity: z.literal('warning'),
  image_sha: z.string(),
  cell: z.string(),
  metric: z.string(),
  /** Why the stored record is unusable: its unmeasured reason (too_few_samples, non_finite_sample, too_few_pairs). */
  stored_reason: z.string().nullable(),
  stored_n: z.number().int().nonnegative(),
});

/** A localisation was asked for but its pinned baseline failed: the verdict has no `localization` (warn). */
export const localizationFailedEventSchema = z.object({
  event: z.literal('localization_failed'),
  severity: z.literal('warning'),
  cell: z.string(),
  metric: z.string(),
  reason: z.string(),
});

/** The use cases' own events. */
export const useCaseEventSchema = z.discriminatedUnion('event', [epsProdReusedEventSchema, epsProdRemeasuredEventSchema, verdictReusedEventSchema, localizationFailedEventSchema]);
export type UseCaseEvent = z.infer<typeof useCaseEventSchema>;
export const USE_CASE_EVENT_NAMES = ['eps_prod_reused', 'eps_prod_remeasured', 'verdict_reused', 'localization_failed'] as const;

/**
 * Every event a use case sends to its sink: its own, and those of the packages it composes (the
 * runner's `replay_*` and `s18_localize_*`, verdict-core's `s18_*`, the transport's `s43_*`). The store's events go to the
 * sink the store was opened with.
 */
export type UseCaseEventSink = (event: UseCaseEvent | ReplayEvent | LocalizeEvent | VerdictEvent | S43Event) => void;
