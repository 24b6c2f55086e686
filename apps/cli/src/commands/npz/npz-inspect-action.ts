import { resolve } from 'node:path';
import { arraySha256, forEachNpzFileMember } from '@repro/s43-transport';
import type { CommandContext } from '../../command-context.js';
import { printJson } from '../../output/print-json.js';
import { renderTable } from '../../output/render-table.js';
import { npzCliError, parseMaxBytes } from './npz-cli-errors.js';
import type { InspectOptions } from './npz-inspect-command.js';

interface InspectedMember {
  name: string;
  dtype: string;
  shape: number[];
  fortran_order: boolean;
  sha256: string;
}

/** The members of a .npz: dtype as stored, shape, order, sha256 of the C-order little-endian elements. */
export async function runNpzInspect(ctx: CommandContext, file: string, opts: InspectOptions): Promise<void> {
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
}
