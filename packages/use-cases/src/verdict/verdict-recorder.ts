import type { CanonicalStore } from '@repro/canonical-provenance';
import type { Verdict } from '@repro/verdict-core';

/**
 * Where a decided verdict goes. A front end whose work can be retried (a queued job) records through a
 * ledger keyed by the job, so a retry stores the verdict once; the CLI saves straight to the history.
 */
export interface VerdictRecorder {
  /** The verdict an earlier attempt of this work already decided, or null (then the replays run). */
  decided(): Promise<Verdict | null>;
  /** Records the verdict; returns the one that stands (an earlier attempt's wins) and whether this call saved it to the history. */
  record(verdict: Verdict): Promise<{ readonly verdict: Verdict; readonly saved: boolean }>;
}

/** Saves each decided verdict to the store's history (one row per call). */
export function historyRecorder(store: Pick<CanonicalStore, 'saveVerdict'>): VerdictRecorder {
  return {
    decided: async () => null,
    async record(verdict) {
      const { created } = await store.saveVerdict(verdict);
      return { verdict, saved: created };
    },
  };
}
