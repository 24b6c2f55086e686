// fs.promises, not node:fs/promises: command definitions import this module, and fs.promises loads on first
// use (node:fs/promises costs ~3 ms of every start, `repro --help` included)
import { promises as fs } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { invalidInput } from '../cli-error.js';
import type { CommandContext } from '../command-context.js';

/** Human name of an input source in messages: the file as given, or `stdin` for `-`. */
export function inputName(source: string): string {
  return source === '-' ? 'stdin' : source;
}

/** Read FILE (relative to the CLI's cwd) or `-` (stdin) as UTF-8 text. Unreadable → exit 2, naming the file. */
export async function readInputText(ctx: CommandContext, source: string): Promise<string> {
  if (source === '-') return ctx.io.readStdin();
  try {
    return await fs.readFile(isAbsolute(source) ? source : resolve(ctx.io.cwd, source), 'utf8');
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw invalidInput(`${source}: cannot read: ${why}`, { error: 'unreadable', file: source, message: why });
  }
}

/** Parse `text` read from `source` as JSON. Not JSON → exit 2, naming the source. */
export function parseJsonInput(source: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw invalidInput(`${inputName(source)}: not JSON: ${why}`, { error: 'not_json', file: inputName(source), message: why });
  }
}

/** Read FILE or `-` and parse it as JSON. */
export async function readJsonInput(ctx: CommandContext, source: string): Promise<unknown> {
  return parseJsonInput(source, await readInputText(ctx, source));
}
