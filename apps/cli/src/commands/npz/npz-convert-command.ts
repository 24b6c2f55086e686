import { resolve } from 'node:path';
import { readNpzFile, writeNpzFile } from '@repro/s43-transport';
import type { Command } from 'commander';
import type { CommandContext } from '../../command-context.js';
import { printJson } from '../../output/print-json.js';
import { npzCliError, parseMaxBytes } from './npz-cli-errors.js';

/** `repro npz convert IN.npz OUT.npz [--compressed] [--max-bytes N]`: decode, re-encode with our writer. */
export function registerNpzConvertCommand(npz: Command, ctx: CommandContext): void {
  npz
    .command('convert')
    .description('decode a .npz and write it again as np.savez (or, with --compressed, np.savez_compressed) writes it: native byte order, C order')
    .argument('<in>', 'input .npz')
    .argument('<out>', 'output .npz')
    .option('--compressed', 'deflate the members (np.savez_compressed)')
    .option('--max-bytes <n>', 'per-member decompressed size limit in bytes (default 4 GiB)')
    .option('--json', 'print {out, arrays}')
    .action(async (input: string, output: string, opts: { compressed?: boolean; maxBytes?: string; json?: boolean }) => {
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
    });
}
