import { resolve } from 'node:path';
import { arraySha256 } from '@repro/s43-transport';
import type { CommandContext } from '../../command-context.js';
import { printJson } from '../../output/print-json.js';
import { renderTable } from '../../output/render-table.js';
import { npzCliError, parseLimitFlags } from './npz-cli-errors.js';
import { forEachInputArray } from './npz-input-file.js';
import type { InspectOptions } from './npz-inspect-command.js';

interface InspectedMember {
  name: string;
  dtype: string;
  shape: number[];
  fortran_order: boolean;
  sha256: string;
}

/** The arrays of a .npz (or .npy): dtype as stored, shape, order, sha256 of the C-order LE elements; skipped members listed. */
export async function runNpzInspect(ctx: CommandContext, file: string, opts: InspectOptions): Promise<void> {
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
}
