import { resolve } from 'node:path';
import { readNpzFile } from '@repro/s43-transport';
import type { CommandContext } from '../../command-context.js';
import { printJson } from '../../output/print-json.js';
import { renderKeyValues } from '../../output/render-table.js';
import { npzCliError } from '../npz/npz-cli-errors.js';
import { openTransport } from './open-transport.js';
import { transportCliError } from './transport-cli-errors.js';
import type { PersistOptions } from './transport-persist-command.js';

/** Store a pod's arrays under the run's prefix. */
export async function runTransportPersist(ctx: CommandContext, file: string, opts: PersistOptions): Promise<void> {
  const { transport: t } = openTransport(ctx, opts, { run: opts.run, pods: [opts.pod] }, { compressed: opts.compressed ?? false });
  let arrays: Awaited<ReturnType<typeof readNpzFile>>;
  try {
    arrays = await readNpzFile(resolve(ctx.io.cwd, file));
  } catch (error) {
    throw npzCliError(file, error);
  }
  for (const skipped of arrays.skipped) ctx.warn(`${file}: member ${skipped.name} (${skipped.reason}, ${skipped.bytes} bytes) is not an array and is not persisted`);
  try {
    const result = await t.persist(opts.run, opts.pod, arrays.members.map((m) => [m.name, m.array] as const), { overwrite: opts.overwrite ?? false });
    if (opts.json) printJson(ctx.io, result);
    else ctx.io.stdout(renderKeyValues([['uri', result.uri], ['bytes', result.bytes], ['sha256', result.sha256], ['created', result.created ? 'yes' : 'no (identical content already stored)']]));
  } catch (error) {
    throw transportCliError(error);
  }
}
