import type { LedgerRankRecord } from '../src/ledger.js';
import type { StreamMixingReader } from '../src/stream-mixing-record.js';

/** The spec file of issue 7, verbatim. */
export const ISSUE_SPEC = {
  missing: 'error',
  non_finite: 'propagate',
  keys: {
    loss: { op: 'mean' },
    tokens: { op: 'sum', max_sibling: true },
    loss_w: { op: 'weighted_mean', weight: 'tokens' },
    'stream_mixing/picks/*': { op: 'sum' },
    hit_rate: { derive: 'ratio', numerator: 'hits', denominator: 'lookups' },
  },
} as const;

/** Records as JSON Lines (one JSON document per line, no trailing newline). */
export const jsonLines = (...records: readonly unknown[]): string => records.map((r) => JSON.stringify(r)).join('\n');

/** One reader of a stream-mixing record. */
export const streamMixingReader = (name: string, modality: string, target_weight: number, picks: number, last_picked_step: number | null): StreamMixingReader => ({
  name,
  modality,
  target_weight,
  picks,
  last_picked_step,
});

/** One rank's ledger record (fresh_writes defaults to the false evictions, the fewest it can be). */
export const ledgerRecord = (step: number, evictions: number, false_evictions: number, fresh_writes = false_evictions, size = 0): LedgerRankRecord => ({
  step,
  evictions,
  false_evictions,
  fresh_writes,
  size,
});
