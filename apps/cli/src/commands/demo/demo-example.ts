import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CliError, invalidInput } from '../../cli-error.js';
import { EXIT } from '../../exit-codes.js';

/** Where a bundled example is: beside dist/main.cjs when installed, or in the repository's examples/. */
function examplePath(file: string): string {
  const candidates = [
    new URL(`./examples/${file}`, import.meta.url), // bundled: dist/examples/ (copied at build time)
    new URL(`../../../../../examples/${file}`, import.meta.url), // from source (tests)
  ].map((url) => fileURLToPath(url));
  const found = candidates.find((path) => existsSync(path));
  if (found === undefined) throw new CliError(`the demo example ${file} is missing from this installation`, EXIT.FAILURE);
  return found;
}

export interface DemoExample {
  /** argv prefix of the training command (the demo appends --variant …). */
  readonly command: readonly string[];
  readonly name: string;
}

/**
 * The example the demo replays: examples/train_buy_model.py when python3 can import numpy, else its
 * Node twin (same knobs, same behaviour), so the demo runs on a machine with Node alone.
 * REPRO_DEMO_EXAMPLE=python|node forces one; REPRO_PYTHON names the interpreter.
 */
export function demoExample(env: Readonly<Record<string, string | undefined>>): DemoExample {
  const choice = env.REPRO_DEMO_EXAMPLE ?? 'auto';
  if (!['auto', 'python', 'node'].includes(choice)) throw invalidInput(`REPRO_DEMO_EXAMPLE: expected python, node or auto, got ${JSON.stringify(choice)}`);
  const node = { command: [process.execPath, examplePath('train_buy_model_node.cjs')], name: 'examples/train_buy_model_node.cjs (Node)' };
  if (choice === 'node') return node;
  const python = env.REPRO_PYTHON ?? 'python3';
  const probe = spawnSync(python, ['-c', 'import numpy'], { encoding: 'utf8', env: { PATH: env.PATH ?? '' } });
  if (probe.status === 0) return { command: [python, examplePath('train_buy_model.py')], name: 'examples/train_buy_model.py (Python + numpy)' };
  if (choice === 'python') {
    const why = probe.error?.message ?? probe.stderr.trim().split('\n').at(-1) ?? `exit ${probe.status}`;
    throw new CliError(`REPRO_DEMO_EXAMPLE=python, but ${python} cannot import numpy (${why})`, EXIT.FAILURE);
  }
  return node;
}
