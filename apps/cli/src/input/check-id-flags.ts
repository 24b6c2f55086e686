import type { Command } from 'commander';
import { invalidInput } from '../cli-error.js';

/**
 * The id flags and the rule each follows (the shared id rules of @repro/use-cases, as `repro submit` and
 * the worker apply them). `--run` and `--pod` are s43 key segments, checked by s43-transport's own
 * (identical) rule before any I/O, with its error document. A canonical `--run-id` is a label, not a key segment: it follows the rules of a
 * path-like id (printable, bounded, no empty or `..` segment).
 */
const KIND_OF_OPTION = {
  cell: 'cell',
  metric: 'metric',
  imageSha: 'image_sha',
  profile: 'profile',
  runId: 'cell',
} as const;

const isIdOption = (name: string): name is keyof typeof KIND_OF_OPTION => Object.hasOwn(KIND_OF_OPTION, name);

/**
 * Refuse, before the command does anything, an id flag the shared rules refuse: control characters and
 * ANSI escapes, whitespace-only, too long for the store's keys and paths, `..` segments. Exit 2, naming
 * the flag; the value is JSON-quoted so control characters show escaped.
 */
export async function checkIdFlags(command: Command): Promise<void> {
  const given = command.options.flatMap((option) => {
    const name = option.attributeName();
    const value: unknown = command.getOptionValue(name);
    return isIdOption(name) && typeof value === 'string' ? [{ flag: option.long ?? name, kind: KIND_OF_OPTION[name], value }] : [];
  });
  if (given.length === 0) return;
  // the id rules live with the use cases; loaded only by a command that takes an id
  const { idProblem } = await import('@repro/use-cases');
  for (const { flag, kind, value } of given) {
    const problem = idProblem(kind, value);
    if (problem === null) continue;
    const shown = JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
    throw invalidInput(`${flag}: invalid ${kind === 'image_sha' ? 'image SHA' : flag.slice(2)} ${shown}: ${problem}`, { error: 'invalid_id', flag, kind, message: problem });
  }
}
