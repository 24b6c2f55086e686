import { spawnSync } from 'node:child_process';
import { serviceMissing } from './service-policy.js';

export interface PythonReference {
  readonly python: string;
  /** Runs `script` with `input` as JSON on stdin and parses its stdout as JSON. */
  runJson<T>(script: string, input: unknown): T;
}

/**
 * A python3 interpreter that can import every module named (e.g. ['numpy', 'scipy']), for tests that
 * compare against the reference implementation in the same run. Missing: null (skip) locally, throws
 * under CI=true. REPRO_PYTHON overrides the interpreter.
 */
export function needPython(modules: readonly string[]): PythonReference | null {
  const python = process.env.REPRO_PYTHON ?? 'python3';
  const probe = spawnSync(python, ['-c', modules.map((m) => `import ${m}`).join('; ') || 'pass'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    return serviceMissing(`python3 with ${modules.join(', ')}`, `install them (pip install ${modules.join(' ')}) or set REPRO_PYTHON`, probe.error ?? probe.stderr.trim());
  }
  return {
    python,
    runJson<T>(script: string, input: unknown): T {
      const run = spawnSync(python, ['-c', script], { input: JSON.stringify(input), encoding: 'utf8', maxBuffer: 64 << 20 });
      if (run.status !== 0) throw new Error(`${python} exited ${run.status}: ${run.stderr}`);
      return JSON.parse(run.stdout) as T;
    },
  };
}
