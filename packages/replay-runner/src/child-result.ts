import { z } from 'zod';
import { EnvFingerprintSchema } from './env-fingerprint.js';

/** A metric value: a JSON number, or a non-finite value as the string `NaN`, `Infinity` or `-Infinity` (JSON has no NaN/Infinity). */
export const MetricValueSchema = z.union([z.number(), z.literal('NaN'), z.literal('Infinity'), z.literal('-Infinity')]);

/** The file a child writes to `REPRO_RESULT_FILE`. */
export const ChildResultSchema = z.looseObject({
  metrics: z.record(z.string().min(1), MetricValueSchema).describe('Metric name → value'),
  fingerprint: EnvFingerprintSchema.describe('The environment fingerprint, captured inside the child'),
});
export type ChildResult = z.infer<typeof ChildResultSchema>;

/** The JSON Schema of the result file (the shipped `schema/child-result.schema.json` equals this). */
export function childResultJsonSchema(): Record<string, unknown> {
  return {
    $id: 'https://repro.dev/schemas/replay-runner/child-result.schema.json',
    title: 'Repro replay child result',
    description:
      'Written by a replay child to the path in REPRO_RESULT_FILE. Non-finite metrics are the strings "NaN", "Infinity", "-Infinity" (bare NaN/Infinity literals, as written by Python json.dump, are also accepted by the runner); any non-finite metric fails the replay with non_finite_metric.',
    ...z.toJSONSchema(ChildResultSchema, { target: 'draft-2020-12', io: 'input' }),
  };
}
