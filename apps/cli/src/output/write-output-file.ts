import { isAbsolute, resolve } from 'node:path';
import { invalidInput } from '../cli-error.js';
import type { CommandContext } from '../command-context.js';

/** Resolve an output path against the CLI's cwd. */
export function resolveOutputPath(ctx: CommandContext, file: string): string {
  return isAbsolute(file) ? file : resolve(ctx.io.cwd, file);
}

/**
 * Write `text` to `file` (relative to the CLI's cwd) atomically (a temporary file, fsynced, renamed into
 * place): a reader never sees half of it. Unwritable → exit 2 naming `flag` and the file. Returns the absolute path.
 */
export async function writeOutputFile(ctx: CommandContext, flag: string, file: string, text: string): Promise<string> {
  const path = resolveOutputPath(ctx, file);
  try {
    // Loaded on use: commands that write no file (and `sf`, which has no store) skip the S3 client.
    const { writeFileAtomically } = await import('@repro/s43-transport');
    await writeFileAtomically(path, (handle) => handle.writeFile(text));
    return path;
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw invalidInput(`${flag} ${file}: cannot write: ${why}`, { error: 'unwritable', file, message: why });
  }
}
