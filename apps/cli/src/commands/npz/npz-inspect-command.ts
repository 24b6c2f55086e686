import { resolve } from 'node:path';
import { arraySha256, forEachNpzFileMember } from '@repro/s43-transport';
import type { Command } from 'commander';
import type { CommandContext } from '../../command-context.js';
import { printJson } from '../../output/print-json.js';
import { renderTable } from '../../output/render-table.js';
import { npzCliError, parseMaxBytes } from './npz-cli-errors.js';

interface InspectedMember {
  name: string;
  dtype: string;
  shape: number[];
  fortran_order: boolean;
  sha256: string;
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
    .action(async (file: string, opts: { maxBytes?: string; json?: boolean }) => {
      const maxMemberBytes = parseMaxBytes(opts.maxBytes);
      const members: InspectedMember[] = [];
      try {
        await forEachNpzFileMember(
          resolve(ctx.io.cwd, file),
          (m) => {
            members.push({ name: m.name, dtype: m.descr, shape: m.array.shape, fortran_order: m.fortranOrder, sha256: arraySha256(m.array, m.name) });
          },
          maxMemberBytes === undefined ? {} : { maxMemberBytes },
        );
      } catch (error) {
        throw npzCliError(file, error);
      }
      if (opts.json) return printJson(ctx.io, { members });
      ctx.io.stdout(`${file}: ${members.length} array(s)\n`);
      ctx.io.stdout(renderTable(['name', 'dtype', 'shape', 'fortran_order', 'sha256'], members.map((m) => [m.name, m.dtype, `(${m.shape.join(', ')}${m.shape.length === 1 ? ',' : ''})`, m.fortran_order, m.sha256])));
    });
}
