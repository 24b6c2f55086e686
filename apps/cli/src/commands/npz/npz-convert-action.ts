import { resolve } from 'node:path';
import { type NpzMember, writeNpyFile, writeNpzFile } from '@repro/s43-transport';
import { invalidInput } from '../../cli-error.js';
import type { CommandContext } from '../../command-context.js';
import { printJson } from '../../output/print-json.js';
import { npzCliError, parseLimitFlags } from './npz-cli-errors.js';
import type { ConvertOptions } from './npz-convert-command.js';
import { forEachInputArray } from './npz-input-file.js';

/** Decode a .npz (or .npy) and write it again with our numpy-compatible writer; skipped members are listed. */
export async function runNpzConvert(ctx: CommandContext, input: string, output: string, opts: ConvertOptions): Promise<void> {
  const limits = parseLimitFlags(opts);
  const members: NpzMember[] = [];
  let read: Awaited<ReturnType<typeof forEachInputArray>>;
  try {
    read = await forEachInputArray(resolve(ctx.io.cwd, input), (m) => void members.push(m), limits);
  } catch (error) {
    throw npzCliError(input, error);
  }
  const toNpy = output.endsWith('.npy');
  if (toNpy && members.length !== 1) {
    const message = `${output}: a .npy holds exactly one array, ${input} holds ${members.length}`;
    throw invalidInput(message, { error: { code: 'not_one_array', member: null, message } });
  }
  try {
    if (toNpy) await writeNpyFile(resolve(ctx.io.cwd, output), members[0]!.array);
    else await writeNpzFile(resolve(ctx.io.cwd, output), members.map((m) => [m.name, m.array] as const), { compressed: opts.compressed ?? false });
  } catch (error) {
    throw npzCliError(output, error);
  }
  if (opts.json) printJson(ctx.io, { out: output, arrays: members.length, skipped: read.skipped });
  else {
    ctx.io.stdout(`${output}: ${members.length} array(s) written${opts.compressed && !toNpy ? ' (compressed)' : ''}\n`);
    for (const s of read.skipped) ctx.io.stdout(`skipped ${s.name} (${s.reason}, ${s.bytes} bytes): not an array\n`);
  }
}
