import { ENVELOPE_METHODS, type EnvelopeMethod, type UnmeasuredReason } from '@repro/verdict-core';
import { z } from 'zod';
import { refuseNul } from './storable-text.js';

const UNMEASURED_REASONS = ['too_few_samples', 'non_finite_sample', 'too_few_pairs', 'non_finite_spread'] as const satisfies readonly UnmeasuredReason[];
const nonEmpty = (what: string) => z.string({ error: `${what} must be a non-empty string` }).min(1, `${what} must be a non-empty string`);
const probability = z.number({ error: 'must be a number strictly between 0 and 1' }).gt(0, 'must be strictly between 0 and 1').lt(1, 'must be strictly between 0 and 1');
const finiteOrNull = z.number({ error: 'must be a finite number or null' }).refine(Number.isFinite, 'must be a finite number or null').nullable();
/** Samples may be non-finite: an envelope measured over a NaN run is stored as unmeasured (non_finite_sample). */
const sample = z.custom<number>((value) => typeof value === 'number', 'must be a number');

/**
 * eps_prod for (image_sha, cell, metric) as `measureProdEnvelope` returns it, with the samples it was
 * measured from. Measured: `eps_prod` a finite number ≥ 0, no reason. Unmeasured: `eps_prod` null and a reason.
 */
export const epsProdInputSchema = z
  .strictObject({
    image_sha: nonEmpty('image_sha'),
    cell: nonEmpty('cell'),
    metric: nonEmpty('metric'),
    status: z.enum(['measured', 'unmeasured']),
    eps_prod: finiteOrNull,
    reason: z.enum(UNMEASURED_REASONS).nullable().optional(),
    n: z.number().int().nonnegative(),
    method: z.enum(ENVELOPE_METHODS as readonly EnvelopeMethod[] as [EnvelopeMethod, ...EnvelopeMethod[]]),
    coverage: probability,
    confidence: probability,
    mean: finiteOrNull,
    sd: finiteOrNull.refine((sd) => sd === null || sd >= 0, 'must be ≥ 0 or null'),
    samples: z.array(sample),
    /** ISO-8601 with offset; default: the database's now(). */
    measured_at: z.iso.datetime({ offset: true }).optional(),
  })
  .superRefine((value, ctx) => {
    refuseNul(value, ctx);
    if (value.status === 'measured' && (value.eps_prod === null || value.eps_prod < 0)) {
      ctx.addIssue({ code: 'custom', path: ['eps_prod'], message: 'a measured envelope needs eps_prod ≥ 0' });
    }
    if (value.status === 'measured' && value.reason != null) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'a measured envelope has no reason' });
    }
    if (value.status === 'unmeasured' && value.eps_prod !== null) {
      ctx.addIssue({ code: 'custom', path: ['eps_prod'], message: 'an unmeasured envelope has eps_prod null, never a number' });
    }
    if (value.status === 'unmeasured' && value.reason == null) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'an unmeasured envelope needs a reason' });
    }
    if (value.n !== value.samples.length) {
      ctx.addIssue({ code: 'custom', path: ['n'], message: `n is ${value.n} but ${value.samples.length} samples were given` });
    }
  });

export type EpsProdInput = z.input<typeof epsProdInputSchema>;
export type EpsProdWrite = z.output<typeof epsProdInputSchema>;
