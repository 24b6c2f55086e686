import type { ReplayEvent } from '@repro/replay-runner';
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

/** The use cases' own events. */
export const useCaseEventSchema = z.discriminatedUnion('event', [epsProdReusedEventSchema, verdictReusedEventSchema]);
export type UseCaseEvent = z.infer<typeof useCaseEventSchema>;
export const USE_CASE_EVENT_NAMES = ['eps_prod_reused', 'verdict_reused'] as const;

/**
 * Every event a use case sends to its sink: its own, and those of the packages it composes (the
 * runner's `replay_*`, verdict-core's `s18_*`, the transport's `s43_*`). The store's events go to the
 * sink the store was opened with.
 */
export type UseCaseEventSink = (event: UseCaseEvent | ReplayEvent | VerdictEvent | S43Event) => void;
