import { spawnSync } from 'node:child_process';
import { needPython } from '@repro/test-services';

/**
 * python3 with numpy (REPRO_PYTHON overrides the interpreter), or null to skip locally when missing; under
 * CI=true a missing numpy fails the run (the shared service policy of @repro/test-services).
 */
export function needNumpy(): { python: string } | null {
  const reference = needPython(['numpy']);
  return reference === null ? null : { python: reference.python };
}

/** Run a python script with arguments; returns stdout, throws with stderr on a non-zero exit. */
export function runPython(python: string, args: readonly string[]): string {
  const run = spawnSync(python, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (run.status !== 0) throw new Error(`python ${args.join(' ')} exited ${run.status}: ${run.stderr}\n${run.stdout}`);
  return run.stdout;
}
