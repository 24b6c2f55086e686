import { spawnSync } from 'node:child_process';
import { isCi } from '@repro/test-services';

/**
 * python3 with numpy, or null (skip) locally when missing. Under CI=true a missing numpy throws: the
 * interop tests must run there.
 */
export function needNumpy(): { python: string; version: string } | null {
  const python = process.env.REPRO_PYTHON ?? 'python3';
  const probe = spawnSync(python, ['-c', 'import numpy; print(numpy.__version__)'], { encoding: 'utf8' });
  if (probe.status === 0) return { python, version: probe.stdout.trim() };
  const why = probe.error?.message ?? probe.stderr.trim();
  const message = `python3 + numpy not available (${why}); install numpy (pip install numpy) or set REPRO_PYTHON`;
  if (isCi()) throw new Error(`CI=true: ${message}`);
  process.stderr.write(`[s43-transport] skipping numpy interop: ${message}\n`);
  return null;
}

/** Run a python script; returns stdout, throws with stderr on a non-zero exit. */
export function runPython(python: string, args: readonly string[]): string {
  const run = spawnSync(python, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (run.status !== 0) throw new Error(`python ${args.join(' ')} exited ${run.status}: ${run.stderr}\n${run.stdout}`);
  return run.stdout;
}
