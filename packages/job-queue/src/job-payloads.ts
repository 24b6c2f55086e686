import { envelopeOptionsSchema, gateOptionsSchema, idSchema, verdictOptionsSchema } from '@repro/use-cases/options';
import { z } from 'zod';
import type { JobQueue } from './job-queues.js';
import { InvalidJobPayloadError } from './queue-errors.js';

const profileName = idSchema('profile');

/**
 * `verdict`: the verdict-for-a-cell use case with every option `repro verdict run` offers (eps_num,
 * parity_dims, replays, hash_seed, threads, timeout_s) — one schema, @repro/use-cases' — plus the worker
 * profile to replay. Strict: a job carries no command line, env, params or anything else of its own.
 * (`pin_mode` is left out: a verdict job always pins.)
 */
export const verdictJobPayloadSchema = verdictOptionsSchema.omit({ pin_mode: true }).extend({
  profile: profileName,
  /** Also write the verdict's HTML report beside its artefact (`<id>.html`); the profile's `report` is the default. */
  report: z.boolean().optional(),
});

/**
 * `envelope`: the envelope-for-an-image use case (n un-capped runs → eps_prod for (image_sha, cell, metric),
 * reused when stored unless `force`; coverage, confidence, method as `repro envelope measure` offers).
 */
export const envelopeJobPayloadSchema = envelopeOptionsSchema.extend({ profile: profileName });

/**
 * `gate`: the s43 cohort gate of a run. `pods` names the expected set; `allow_unexpected` tolerates pods
 * beyond it; `verify` downloads every blob and checks its stored checksum against its content.
 */
export const gateJobPayloadSchema = gateOptionsSchema;

export type VerdictJobPayload = z.output<typeof verdictJobPayloadSchema>;
export type EnvelopeJobPayload = z.output<typeof envelopeJobPayloadSchema>;
export type GateJobPayload = z.output<typeof gateJobPayloadSchema>;
export type VerdictJobInput = z.input<typeof verdictJobPayloadSchema>;
export type EnvelopeJobInput = z.input<typeof envelopeJobPayloadSchema>;
export type GateJobInput = z.input<typeof gateJobPayloadSchema>;

export interface JobPayloads {
  verdict: VerdictJobPayload;
  envelope: EnvelopeJobPayload;
  gate: GateJobPayload;
}
export interface JobInputs {
  verdict: VerdictJobInput;
  envelope: EnvelopeJobInput;
  gate: GateJobInput;
}

export const JOB_PAYLOAD_SCHEMAS = {
  verdict: verdictJobPayloadSchema,
  envelope: envelopeJobPayloadSchema,
  gate: gateJobPayloadSchema,
} as const;

/** Validate a payload for `queue`. Throws `InvalidJobPayloadError` naming the first bad field. */
export function parseJobPayload<Q extends JobQueue>(queue: Q, data: unknown): JobPayloads[Q] {
  const result = JOB_PAYLOAD_SCHEMAS[queue].safeParse(data);
  if (result.success) return result.data as JobPayloads[Q];
  const issue = result.error.issues[0]!;
  const path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys;
    const field = path === '' ? keys[0]! : `${path}.${keys[0]}`;
    throw new InvalidJobPayloadError(queue, field, `unknown field${keys.length > 1 ? 's' : ''} ${keys.map((k) => JSON.stringify(k)).join(', ')}: a ${queue} job carries only ${Object.keys(JOB_PAYLOAD_SCHEMAS[queue].shape).join(', ')}`);
  }
  if (path === '' && issue.code === 'invalid_type') throw new InvalidJobPayloadError(queue, '(payload)', 'must be a JSON object');
  throw new InvalidJobPayloadError(queue, path === '' ? '(payload)' : path, issue.message);
}
