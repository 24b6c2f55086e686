import type { Command } from 'commander';
import type { CommandContext } from '../../command-context.js';

export interface InspectOptions {
  maxBytes?: string;
  maxTotalBytes?: string;
  json?: boolean;
}

/**
 * `repro npz inspect FILE [--max-bytes N] [--max-total-bytes N] [--json]`: the arrays of a `.npz` (or of a
 * bare `.npy`, as `arr_0`) with dtype as stored, shape, order, sha256 of C-order LE elements, and every zip
 * member skipped because it is not an array.
 */
export function registerNpzInspectCommand(npz: Command, ctx: CommandContext): void {
  npz
    .command('inspect')
    .description(
      'list the arrays of a .npz (or of a bare .npy, named arr_0): name, dtype (as stored), shape, fortran_order, sha256 of the C-order little-endian elements, and the zip members skipped (not .npy); a file to reject (object or structured dtypes, corrupt or unsafe zips) exits 2',
    )
    .argument('<file>', '.npz or .npy file')
    .option('--max-bytes <n>', 'per-member decompressed size limit in bytes (default 2 GiB)')
    .option('--max-total-bytes <n>', 'limit on the sum of the declared decompressed sizes of the arrays (default 2 GiB)')
    .option('--json', 'print {format, members: [{name, dtype, shape, fortran_order, sha256}], skipped: [{name, reason, bytes}]}')
    .action(async (file: string, opts: InspectOptions) => (await import('./npz-inspect-action.js')).runNpzInspect(ctx, file, opts));
}
