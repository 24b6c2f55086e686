import type { VerdictRecorder } from '@repro/use-cases';
import type { VerdictHistory, VerdictLedger } from '../store/verdict-ledger.js';

/**
 * The verdict use case's recorder for a job: the job's first decision stands (ledger keyed by job id) and
 * is saved to the history once, however often the job is retried.
 */
export function ledgerRecorder(ledger: VerdictLedger, jobId: string, history: VerdictHistory): VerdictRecorder {
  return {
    decided: () => ledger.decided(jobId),
    async record(verdict) {
      const stands = await ledger.decide(jobId, verdict);
      const { saved } = await ledger.saveOnce(jobId, history);
      return { verdict: stands, saved };
    },
  };
}
