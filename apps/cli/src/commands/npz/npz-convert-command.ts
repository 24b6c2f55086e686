import type { Command } from 'commander';
import type { CommandContext } from '../../command-context.js';

export interface ConvertOptions {
  compressed?: boolean;
  maxBytes?: string;
  maxTotalBytes?: string;
  json?: boolean;
}

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
    .action(async (input: string, output: string, opts: ConvertOptions) => (await import('./npz-convert-action.js')).runNpzConvert(ctx, input, output, opts));
}
