import { ENVELOPE_METHODS, type EnvelopeMethod } from '@repro/verdict-core';
import { z } from 'zod';
import { idSchema } from './id-rules.js';
import { probability, timeoutSeconds } from './option-fields.js';

/** The most un-capped runs one measurement may ask for. */
export const MAX_ENVELOPE_RUNS = 1000;
/** Runs per measurement unless asked otherwise (verdict-core never gives a number below 10). */
export const DEFAULT_ENVELOPE_RUNS = 10;

/**
 * Every option of an eps_prod measurement for a production image, for every front end
 * (`repro envelope measure`, an `envelope` job). Fewer than 10 runs is allowed and stores the envelope
 * as unmeasured (too_few_samples), never a number. `timeout_s` has no schema default (a worker fills it
 * from its profile); unset, a run gets an hour.
 */
export const envelopeOptionsSchema = z.strictObject({
  cell: idSchema('cell'),
  metric: idSchema('metric'),
  /** The production image SHA these runs stand for: the key eps_prod is stored under, with cell and metric. */
  image_sha: idSchema('image_sha'),
  /** Number of un-capped (production-config) runs. */
  n: z.number().int('must be an integer').min(1, 'must be ≥ 1').max(MAX_ENVELOPE_RUNS, `at most ${MAX_ENVELOPE_RUNS}`).default(DEFAULT_ENVELOPE_RUNS),
  /** Re-measure even when eps_prod for this key is stored (else the stored one is reused, no runs). */
  force: z.boolean().default(false),
  /** The quantile p of |X − X′| to bound. */
  coverage: probability.default(0.95),
  /** The confidence γ of the bound. */
  confidence: probability.default(0.95),
  method: z.enum(ENVELOPE_METHODS as readonly EnvelopeMethod[] as [EnvelopeMethod, ...EnvelopeMethod[]]).default('pairwise-normal'),
  /** Per run (default 3600). */
  timeout_s: timeoutSeconds.optional(),
  /** eps_prod above this share of |mean| is warned about (masked dependence; default 0.05). */
  eps_prod_relative_threshold: z.number().positive('must be > 0').max(1000, 'at most 1000').optional(),
});

export type EnvelopeOptionsInput = z.input<typeof envelopeOptionsSchema>;
export type EnvelopeOptions = z.output<typeof envelopeOptionsSchema>;
