import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CliError } from '../../cli-error.js';
import { EXIT } from '../../exit-codes.js';

const CANDIDATES = [
  // Bundled: dist/main.js beside dist/examples/ (copied at build time, shipped with the package).
  new URL('./examples/train_buy_model.py', import.meta.url),
  // From source (tests): apps/cli/src/commands/demo/ → the repository's examples/.
  new URL('../../../../../examples/train_buy_model.py', import.meta.url),
];

/** The bundled example training script, and a python3 that can run it (numpy importable). */
export function demoExample(env: Readonly<Record<string, string | undefined>>): { python: string; script: string } {
  const script = CANDIDATES.map((url) => fileURLToPath(url)).find((path) => existsSync(path));
  if (script === undefined) throw new CliError('the demo example train_buy_model.py is missing from this installation', EXIT.FAILURE);
  const python = env.REPRO_PYTHON ?? 'python3';
  const probe = spawnSync(python, ['-c', 'import numpy'], { encoding: 'utf8', env: { PATH: env.PATH ?? '' } });
  if (probe.status !== 0) {
    const why = probe.error?.message ?? probe.stderr.trim().split('\n').at(-1) ?? `exit ${probe.status}`;
    throw new CliError(`the demo replays a Python + numpy training script: ${python} cannot import numpy (${why}); install numpy or set REPRO_PYTHON`, EXIT.FAILURE);
  }
  return { python, script };
}
