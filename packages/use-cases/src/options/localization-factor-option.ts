import { z } from 'zod';

const knobName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name');

/**
 * A user-defined localisation factor (data, as `@repro/replay-runner`'s `LocalizationFactor`): what to
 * vary from the pinned baseline, what to call it, and how to pin it when it is the culprit. Added to the
 * default catalogue (`--factors-file`, or `extra_factors` in a job's options).
 */
export const localizationFactorOptionSchema = z.strictObject({
  id: z.string().trim().min(1, 'must be a non-empty id').max(128, 'at most 128 characters'),
  label: z.string().trim().min(1, 'must say what is varied').max(512, 'at most 512 characters'),
  howToPin: z.string().trim().min(1, 'must say how to pin it').max(2048, 'at most 2048 characters'),
  /** Spawn-time variables set per replay (replay i takes values[i % length]). */
  knobs: z.record(knobName, z.array(z.string()).min(1, 'at least one value')).optional(),
  /** CPU lists for `taskset -c`, or `each_cpu`. */
  cpuAffinity: z.union([z.array(z.string().regex(/^\d+(-\d+)?(,\d+(-\d+)?)*$/, 'must be a CPU list like "0" or "0-1"')).min(1), z.literal('each_cpu')]).optional(),
  relocateCwd: z.boolean().optional(),
  fullParentEnv: z.boolean().optional(),
});

export type LocalizationFactorOption = z.output<typeof localizationFactorOptionSchema>;
