import { accessSync, constants, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { Command } from 'commander';
import { invalidInput } from '../cli-error.js';

/** Why `path` cannot be written as a file (or, with `folder`, used as an output folder), or null. */
function outputProblem(path: string, folder: boolean): string | null {
  const target = statSync(path, { throwIfNoEntry: false });
  if (target !== undefined) {
    if (folder && !target.isDirectory()) return 'exists and is not a folder';
    if (!folder && target.isDirectory()) return 'is a folder (give a file name)';
    try {
      accessSync(path, constants.W_OK);
    } catch {
      return 'is not writable';
    }
    return null;
  }
  const parent = dirname(path);
  const parentKind = statSync(parent, { throwIfNoEntry: false });
  if (parentKind === undefined) return folder ? null : `its folder ${parent} does not exist`;
  if (!parentKind.isDirectory()) return `${parent} is not a folder`;
  try {
    accessSync(parent, constants.W_OK);
  } catch {
    return `its folder ${parent} is not writable`;
  }
  return null;
}

/**
 * Check every `--out` of a command before it does anything (no replay runs, nothing is stored, when the
 * result could not be written at the end): `--out <file>` must not be a folder and its folder must exist
 * and be writable; `--out <dir>` must be a folder or creatable. Exit 2 naming the flag and the path.
 */
export function checkOutputFlags(command: Command, cwd: string): void {
  for (const option of command.options) {
    if (option.long !== '--out') continue;
    const value: unknown = command.getOptionValue(option.attributeName());
    if (typeof value !== 'string' || value === '') continue;
    const path = isAbsolute(value) ? value : resolve(cwd, value);
    const problem = outputProblem(path, option.flags.includes('<dir>'));
    if (problem !== null) throw invalidInput(`--out ${value}: ${problem}`, { error: 'unwritable', flag: '--out', file: value, message: problem });
  }
}
