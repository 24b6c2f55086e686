import { resolve } from 'node:path';
import { arraySha256 } from '@repro/s43-transport';
import type { Command } from 'commander';
import type { CommandContext } from '../../command-context.js';
import { printJson } from '../../output/print-json.js';
import { renderTable } from '../../output/render-table.js';
import { npzCliError, parseLimitFlags } from './npz-cli-errors.js';
import { forEachInputArray } from './npz-input-file.js';

interface InspectedMember {
  name: string;
  dtype: string;
  shape: number[];
  fortran_order: boolean;
  sha256: string;
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
    .action(async (file: string, opts: { maxBytes?: string; maxTotalBytes?: string; json?: boolean }) => {
      const limits = parseLimitFlags(opts);
      const members: InspectedMember[] = [];
      let read: Awaited<ReturnType<typeof forEachInputArray>>;
      try {
        read = await forEachInputArray(
          resolve(ctx.io.cwd, file),
          (m) => {
            members.push({ name: m.name, dtype: m.descr, shape: m.array.shape, fortran_order: m.fortranOrder, sha256: arraySha256(m.array, m.name) });
          },
          limits,
        );
      } catch (error) {
        throw npzCliError(file, error);
      }
      if (opts.json) return printJson(ctx.io, { format: read.kind, members, skipped: read.skipped });
      ctx.io.stdout(`${file}: ${members.length} array(s)${read.kind === 'npy' ? ' (bare .npy)' : ''}${read.skipped.length > 0 ? `, ${read.skipped.length} member(s) skipped` : ''}\n`);
      ctx.io.stdout(renderTable(['name', 'dtype', 'shape', 'fortran_order', 'sha256'], members.map((m) => [m.name, m.dtype, `(${m.shape.join(', ')}${m.shape.length === 1 ? ',' : ''})`, m.fortran_order, m.sha256])));
      if (read.skipped.length > 0) ctx.io.stdout(`skipped (not arrays):\n${renderTable(['member', 'reason', 'bytes'], read.skipped.map((s) => [s.name, s.reason, s.bytes]))}`);
    });
}
