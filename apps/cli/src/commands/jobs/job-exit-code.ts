import type { JobView } from '@repro/job-queue';
import type { VerdictName } from '@repro/verdict-core';
import { EXIT, type ExitCode } from '../../exit-codes.js';
import { verdictExitCode } from '../verdict/verdict-exit-code.js';

const VERDICT_NAMES: readonly string[] = ['FIDELITY_OK', 'NON_DETERMINISTIC', 'CANONICAL_DIVERGENCE', 'INCONCLUSIVE_TOOLING'];

/**
 * `repro jobs wait`'s exit code for a finished job: a completed verdict job exits as its verdict
 * (0 / 10 / 11 / 12), a completed gate job 0 or 13 (incomplete cohort), another completed job 0;
 * a failed or cancelled job 1.
 */
export function jobExitCode(job: JobView): ExitCode {
  if (job.state !== 'completed') return EXIT.FAILURE;
  const result = job.result as { verdict?: { verdict?: unknown }; complete?: unknown } | undefined;
  if (job.queue === 'verdict') {
    const name = result?.verdict?.verdict;
    return typeof name === 'string' && VERDICT_NAMES.includes(name) ? verdictExitCode(name as VerdictName) : EXIT.FAILURE;
  }
  if (job.queue === 'gate') return result?.complete === true ? EXIT.OK : EXIT.GATE_INCOMPLETE;
  return EXIT.OK;
}
