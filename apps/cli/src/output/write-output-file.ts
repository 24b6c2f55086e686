import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { invalidInput } from '../cli-error.js';
import type { CommandContext } from '../command-context.js';

/** Resolve an output path against the CLI's cwd. */
export function resolveOutputPath(ctx: CommandContext, file: string): string {
  return isAbsolute(file) ? file : resolve(ctx.io.cwd, file);
}

/**
 * Write `text` to `file` (relative to the CLI's cwd) through a temporary file and a rename: a reader
 * never sees half of it. Unwritable → exit 2 naming `flag` and the file. Returns the absolute path.
 */
export async function writeOutputFile(ctx: CommandContext, flag: string, file: string, text: string): Promise<string> {
  const path = resolveOutputPath(ctx, file);
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await writeFile(temporary, text);
    await rename(temporary, path);
    return path;
  } catch (error) {
    await rm(temporary, { force: true });
    const why = error instanceof Error ? error.message : String(error);
    throw invalidInput(`${flag} ${file}: cannot write: ${why}`, { error: 'unwritable', file, message: why });
  }
}
