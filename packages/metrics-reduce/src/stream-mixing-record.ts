import { z } from 'zod';

/** One reader of one rank at one step. `last_picked_step` is null when the reader was never picked. */
export const StreamMixingReader = z.strictObject({
  name: z.string().min(1),
  modality: z.string().min(1),
  target_weight: z.number().nonnegative(),
  picks: z.number().int().nonnegative(),
  last_picked_step: z.number().int().nonnegative().nullable(),
});
export type StreamMixingReader = z.infer<typeof StreamMixingReader>;

/**
 * The stream-mixing family's per-rank, per-step input record. A reader picked in the step has been
 * picked (its `last_picked_step` is not null), and no reader was last picked after the step.
 */
export const StreamMixingRankRecord = z
  .strictObject({
    step: z.number().int().nonnegative(),
    readers: z.array(StreamMixingReader),
  })
  .superRefine((record, ctx) => {
    record.readers.forEach((reader, i) => {
      if (reader.picks > 0 && reader.last_picked_step === null) {
        ctx.addIssue({ code: 'custom', path: ['readers', i, 'last_picked_step'], message: `reader "${reader.name}" has ${reader.picks} picks but was never picked (null)` });
      } else if (reader.last_picked_step !== null && reader.last_picked_step > record.step) {
        ctx.addIssue({
          code: 'custom',
          path: ['readers', i, 'last_picked_step'],
          message: `reader "${reader.name}" was last picked at step ${reader.last_picked_step}, after the record's step ${record.step}`,
        });
      }
    });
  });
export type StreamMixingRankRecord = z.infer<typeof StreamMixingRankRecord>;

/** Output keys of the stream-mixing family (`realized_frac` is a prefix: one key per modality). */
export const STREAM_MIXING_KEYS = {
  picksTotal: 'stream_mixing/picks_total',
  realizedFracPrefix: 'stream_mixing/realized_frac/',
  targetL1: 'stream_mixing/target_l1',
  entropy: 'stream_mixing/entropy',
  maxStaleness: 'stream_mixing/max_staleness',
  starvedReaders: 'stream_mixing/starved_readers',
  activeReaders: 'stream_mixing/active_readers',
} as const;
