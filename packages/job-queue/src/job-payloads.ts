import { z } from 'zod';
import { idSchema } from './job-ids.js';
import type { JobQueue } from './job-queues.js';
import { InvalidJobPayloadError } from './queue-errors.js';

// Ids follow the shared rules of job-ids.ts (also what the CLI checks its id flags with).
const cell = idSchema('cell');
const metric = idSchema('metric');
const imageSha = idSchema('image_sha');
const profileName = idSchema('profile');

/** The fewest and most un-capped runs an envelope job may ask for (verdict-core never measures n < 10). */
export const MIN_ENVELOPE_RUNS = 10;
export const MAX_ENVELOPE_RUNS = 1000;

/**
 * `verdict`: two fresh pinned replays of the profile, decided against the stored canonical and eps_prod.
 * Strict: a job carries no command line, env, params or anything else of its own.
 */
export const verdictJobPayloadSchema = z.strictObject({
  cell,
  metric,
  profile: profileName,
  image_sha: imageSha.optional(),
  eps_num: z.number().finite().nonnegative().optional(),
});

/** `envelope`: n un-capped runs → eps_prod for (image_sha, cell, metric); reused when stored unless `force`. */
export const envelopeJobPayloadSchema = z.strictObject({
  cell,
  metric,
  profile: profileName,
  image_sha: imageSha,
  n: z.number().int().min(MIN_ENVELOPE_RUNS).max(MAX_ENVELOPE_RUNS).default(MIN_ENVELOPE_RUNS),
  force: z.boolean().default(false),
});

/**
 * `gate`: the s43 cohort gate of a run. `pods` names the expected set; `allow_unexpected` tolerates pods
 * beyond it; `verify` downloads every blob and checks its stored checksum against its content.
 */
export const gateJobPayloadSchema = z.strictObject({
  run_id: idSchema('run_id'),
  expected: z.number().int().nonnegative(),
  pods: z.array(idSchema('pod')).max(100_000).optional(),
  allow_unexpected: z.boolean().default(false),
  verify: z.boolean().default(false),
});

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
