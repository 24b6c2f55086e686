import { type CorruptPod, DEFAULT_S43_PREFIX, InvalidIdError, type ObjectStore, S43Transport } from '@repro/s43-transport';
import type { GateJobPayload } from '@repro/job-queue';
import type { JobContext } from './job-context.js';
import { PermanentJobError } from './permanent-job-error.js';

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
 * `gate {run_id, expected, pods?, allow_unexpected?, verify?}`: the s43 cohort gate on the worker's object
 * store. An incomplete cohort is a result (`complete: false`), not a failure; an invalid run id fails
 * permanently; an unreachable store is retried. The job's abort signal reaches every store call.
 */
export async function runGateJob(payload: GateJobPayload, ctx: JobContext, deps: { store: ObjectStore; prefix: string | null }): Promise<GateJobResult> {
  const transport = new S43Transport({ store: deps.store, prefix: deps.prefix ?? DEFAULT_S43_PREFIX, emit: (event) => ctx.emit(event) });
  try {
    const outcome = await transport.gate(payload.run_id, payload.expected, {
      ...(payload.pods === undefined ? {} : { pods: payload.pods }),
      allowUnexpected: payload.allow_unexpected,
      verify: payload.verify,
      signal: ctx.signal,
    });
    return {
      run_id: outcome.run_id,
      cohort_count: outcome.cohort_count,
      expected: outcome.expected,
      complete: outcome.complete,
      missing_pods: outcome.missing_pods === null ? null : [...outcome.missing_pods],
      unexpected_pods: outcome.unexpected_pods,
      allow_unexpected: outcome.allow_unexpected,
      verified: outcome.verified,
      corrupt_pods: outcome.corrupt_pods,
      gate_key: outcome.gate_key,
      persisted: outcome.persisted,
    };
  } catch (error) {
    if (error instanceof InvalidIdError) throw new PermanentJobError('invalid_input', error.message, error.field === 'pod' ? 'pods' : 'run_id');
    throw error;
  }
}
