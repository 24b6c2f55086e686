import type { Command } from 'commander';
import type { CommandContext } from '../../command-context.js';

export interface ConvertOptions {
  compressed?: boolean;
  maxBytes?: string;
  json?: boolean;
}

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
    .action(async (input: string, output: string, opts: ConvertOptions) => (await import('./npz-convert-action.js')).runNpzConvert(ctx, input, output, opts));
}
