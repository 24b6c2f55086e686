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

/** The stream-mixing family's per-rank, per-step input record. */
export const StreamMixingRankRecord = z.strictObject({
  step: z.number().int().nonnegative(),
  readers: z.array(StreamMixingReader),
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
