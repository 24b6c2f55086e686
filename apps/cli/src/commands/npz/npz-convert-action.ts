import { resolve } from 'node:path';
import { readNpzFile, writeNpzFile } from '@repro/s43-transport';
import type { CommandContext } from '../../command-context.js';
import { printJson } from '../../output/print-json.js';
import { npzCliError, parseMaxBytes } from './npz-cli-errors.js';
import type { ConvertOptions } from './npz-convert-command.js';

/** Decode a .npz and write it again with our numpy-compatible writer. */
export async function runNpzConvert(ctx: CommandContext, input: string, output: string, opts: ConvertOptions): Promise<void> {
  const maxMemberBytes = parseMaxBytes(opts.maxBytes);
  let members: Awaited<ReturnType<typeof readNpzFile>>;
  try {
    members = await readNpzFile(resolve(ctx.io.cwd, input), maxMemberBytes === undefined ? {} : { maxMemberBytes });
  } catch (error) {
    throw npzCliError(input, error);
  }
  try {
    await writeNpzFile(resolve(ctx.io.cwd, output), members.map((m) => [m.name, m.array] as const), { compressed: opts.compressed ?? false });
  } catch (error) {
    throw npzCliError(output, error);
  }
  if (opts.json) printJson(ctx.io, { out: output, arrays: members.length });
  else ctx.io.stdout(`${output}: ${members.length} array(s) written${opts.compressed ? ' (compressed)' : ''}\n`);
}
