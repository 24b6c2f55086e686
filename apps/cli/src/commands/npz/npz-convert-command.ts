import { resolve } from 'node:path';
import { type NpzMember, writeNpyFile, writeNpzFile } from '@repro/s43-transport';
import type { Command } from 'commander';
import { invalidInput } from '../../cli-error.js';
import type { CommandContext } from '../../command-context.js';
import { printJson } from '../../output/print-json.js';
import { npzCliError, parseLimitFlags } from './npz-cli-errors.js';
import { forEachInputArray } from './npz-input-file.js';

/**
 * `repro npz convert IN OUT [--compressed] [--max-bytes N] [--max-total-bytes N]`: decode a `.npz` or bare
 * `.npy` and write it again with our writer; OUT ending in `.npy` gets a bare `.npy` (one array only).
 * Zip members that are not arrays are not carried over: they are listed (`skipped`), never dropped silently.
 */
export function registerNpzConvertCommand(npz: Command, ctx: CommandContext): void {
  npz
    .command('convert')
    .description(
      'decode a .npz (or a bare .npy) and write it again as np.savez (or, with --compressed, np.savez_compressed) writes it, or as np.save when OUT ends in .npy: native byte order, C order; members that are not arrays are listed as skipped',
    )
    .argument('<in>', 'input .npz or .npy')
    .argument('<out>', 'output .npz (or .npy for one array)')
    .option('--compressed', 'deflate the members (np.savez_compressed)')
    .option('--max-bytes <n>', 'per-member decompressed size limit in bytes (default 2 GiB)')
    .option('--max-total-bytes <n>', 'limit on the sum of the declared decompressed sizes of the arrays (default 2 GiB)')
    .option('--json', 'print {out, arrays, skipped: [{name, reason, bytes}]}')
    .action(async (input: string, output: string, opts: { compressed?: boolean; maxBytes?: string; maxTotalBytes?: string; json?: boolean }) => {
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
    });
}
