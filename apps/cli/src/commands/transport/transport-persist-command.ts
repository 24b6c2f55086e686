import { resolve } from 'node:path';
import { readNpzFile } from '@repro/s43-transport';
import type { Command } from 'commander';
import type { CommandContext } from '../../command-context.js';
import { printJson } from '../../output/print-json.js';
import { renderKeyValues } from '../../output/render-table.js';
import { npzCliError } from '../npz/npz-cli-errors.js';
import { openTransport, STORE_OPTION_HELP } from './open-transport.js';
import { transportCliError } from './transport-cli-errors.js';

/** `repro transport persist --run R --pod P FILE.npz`: store a pod's arrays; a conflicting re-persist exits 4. */
export function registerTransportPersistCommand(transport: Command, ctx: CommandContext): void {
  transport
    .command('persist')
    .description("store a pod's arrays as <prefix>/<run>/<pod>.npz (same content again: no-op; different content: exit 4 unless --overwrite)")
    .argument('<file>', '.npz file holding the arrays')
    .requiredOption('--run <run_id>', 'run id')
    .requiredOption('--pod <pod>', 'pod id')
    .option('--store <uri>', STORE_OPTION_HELP)
    .option('--overwrite', 'replace different content already stored under the key')
    .option('--compressed', 'store the blob deflated (np.savez_compressed)')
    .option('--json', 'print {uri, key, bytes, sha256, created}')
    .action(async (file: string, opts: { run: string; pod: string; store?: string; overwrite?: boolean; compressed?: boolean; json?: boolean }) => {
      const { transport: t } = openTransport(ctx, opts, { run: opts.run, pods: [opts.pod] }, { compressed: opts.compressed ?? false });
      let arrays: Awaited<ReturnType<typeof readNpzFile>>;
      try {
        arrays = await readNpzFile(resolve(ctx.io.cwd, file));
      } catch (error) {
        throw npzCliError(file, error);
      }
      for (const skipped of arrays.skipped) ctx.io.stderr(`repro: warning: ${file}: member ${skipped.name} (${skipped.reason}, ${skipped.bytes} bytes) is not an array and is not persisted\n`);
      try {
        const result = await t.persist(opts.run, opts.pod, arrays.members.map((m) => [m.name, m.array] as const), { overwrite: opts.overwrite ?? false });
        if (opts.json) printJson(ctx.io, result);
        else ctx.io.stdout(renderKeyValues([['uri', result.uri], ['bytes', result.bytes], ['sha256', result.sha256], ['created', result.created ? 'yes' : 'no (identical content already stored)']]));
      } catch (error) {
        throw transportCliError(error);
      }
    });
}
