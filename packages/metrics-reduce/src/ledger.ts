import { z } from 'zod';
import { reduceRanks } from './aggregate-step-metrics.js';
import type { ReduceResult } from './reduce-result.js';
import type { NormalizedReductionSpec } from './reduction-spec.js';
import { parseReductionSpec } from './reduction-spec.js';

/**
 * The ledger family's per-rank, per-step input record (what EvictionLedger.drain produces). A false
 * eviction is counted at a fresh write, so `false_evictions` ≤ `fresh_writes`.
 */
export const LedgerRankRecord = z
  .strictObject({
    step: z.number().int().nonnegative(),
    evictions: z.number().int().nonnegative(),
    false_evictions: z.number().int().nonnegative(),
    fresh_writes: z.number().int().nonnegative(),
    size: z.number().int().nonnegative(),
  })
  .refine((record) => record.false_evictions <= record.fresh_writes, {
    path: ['false_evictions'],
    message: 'false_evictions must be ≤ fresh_writes (a false eviction is counted at a fresh write)',
  });
export type LedgerRankRecord = z.infer<typeof LedgerRankRecord>;

/**
 * The ledger family as a reduction spec: every `ledger/*` counter summed with a `_max` sibling, and
 * `ledger/false_eviction_rate` = Σ false_evictions / Σ evictions (omitted when Σ evictions is 0).
 */
export const LEDGER_SPEC: NormalizedReductionSpec = parseReductionSpec({
  missing: 'error',
  non_finite: 'propagate',
  keys: {
    'ledger/*': { op: 'sum', max_sibling: true },
    'ledger/false_eviction_rate': { derive: 'ratio', numerator: 'ledger/false_evictions', denominator: 'ledger/evictions' },
  },
});

/** A ledger record as the generic metrics it stands for (`ledger/evictions`, …). */
export function ledgerRecordMetrics(record: LedgerRankRecord): Record<string, number> {
  return {
    'ledger/evictions': record.evictions,
    'ledger/false_evictions': record.false_evictions,
    'ledger/fresh_writes': record.fresh_writes,
    'ledger/size': record.size,
  };
}

/**
 * Reduce one step's ledger records (`records[r]` is rank r's): `ledger/evictions`, `ledger/evictions_max`,
 * `ledger/false_eviction_rate`, `ledger/false_evictions`, `ledger/false_evictions_max`,
 * `ledger/fresh_writes`, `ledger/fresh_writes_max`, `ledger/size`, `ledger/size_max`. Pure.
 */
export function reduceLedger(records: readonly LedgerRankRecord[], options: { rankLabels?: readonly string[] } = {}): ReduceResult {
  return reduceRanks(records.map(ledgerRecordMetrics), LEDGER_SPEC, { step: records[0]?.step ?? null, ...options });
}
