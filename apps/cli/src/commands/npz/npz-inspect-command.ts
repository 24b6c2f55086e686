import type { Command } from 'commander';
import type { CommandContext } from '../../command-context.js';

export interface InspectOptions {
  maxBytes?: string;
  json?: boolean;
}

/** `repro npz inspect FILE.npz [--max-bytes N] [--json]`: members with dtype as stored, shape, order, sha256 of C-order LE elements. */
export function registerNpzInspectCommand(npz: Command, ctx: CommandContext): void {
  npz
    .command('inspect')
    .description(
      'list the arrays of a .npz: name, dtype (as stored), shape, fortran_order, sha256 of the C-order little-endian elements; a file to reject (object or structured dtypes, corrupt or unsafe zips) exits 2',
    )
    .argument('<file>', '.npz file')
    .option('--max-bytes <n>', 'per-member decompressed size limit in bytes (default 4 GiB)')
    .option('--json', 'print {members: [{name, dtype, shape, fortran_order, sha256}]}')
    .action(async (file: string, opts: InspectOptions) => (await import('./npz-inspect-action.js')).runNpzInspect(ctx, file, opts));
}
