import type { CorruptPod, ObjectStore } from '@repro/s43-transport';
import { type GateOptionsInput, gateRun } from '@repro/use-cases';
import type { GateJobPayload } from '@repro/job-queue';
import type { JobContext } from './job-context.js';
import { useCaseJobError } from './use-case-job-error.js';

export interface GateJobResult {
  run_id: string;
  cohort_count: number;
  expected: number;
  complete: boolean;
  missing_pods: string[] | null;
  unexpected_pods: string[] | null;
  allow_unexpected: boolean;
  verified: boolean;
  corrupt_pods: CorruptPod[] | null;
  gate_key: string;
  persisted: boolean;
}

/**
 * `gate {run_id, expected, pods?, allow_unexpected?, verify?}`: the cohort-gate use case (@repro/use-cases) on the worker's object
 * store. An incomplete cohort is a result (`complete: false`), not a failure; an invalid run or pod id
 * fails permanently naming it; an unreachable store is retried.
 */
export async function runGateJob(payload: GateJobPayload, ctx: JobContext, deps: { store: ObjectStore; prefix: string | null }): Promise<GateJobResult> {
  try {
    const { gate } = await gateRun(payload as GateJobPayload & Partial<GateOptionsInput>, { objectStore: deps.store, prefix: deps.prefix, signal: ctx.signal, emit: (event) => ctx.emit(event) });
    return {
      run_id: gate.run_id,
      cohort_count: gate.cohort_count,
      expected: gate.expected,
      complete: gate.complete,
      missing_pods: gate.missing_pods === null ? null : [...gate.missing_pods],
      unexpected_pods: gate.unexpected_pods,
      allow_unexpected: gate.allow_unexpected,
      verified: gate.verified,
      corrupt_pods: gate.corrupt_pods,
      gate_key: gate.gate_key,
      persisted: gate.persisted,
    };
  } catch (error) {
    throw useCaseJobError(error);
  }
}
