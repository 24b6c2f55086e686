import type { Command } from 'commander';
import type { CommandContext } from '../../command-context.js';
import { STORE_OPTION_HELP } from './store-option-help.js';

export interface AcquireOptions {
  run: string;
  store?: string;
  out?: string;
  json?: boolean;
}

/** `repro transport acquire --run R [--out DIR] [--json]`: load and verify the whole cohort; exit 1 when any blob failed. */
export function registerTransportAcquireCommand(transport: Command, ctx: CommandContext): void {
  transport
    .command('acquire')
    .description('load and verify every pod blob of a run; failures are listed (exit 1), never dropped')
    .requiredOption('--run <run_id>', 'run id')
    .option('--store <uri>', STORE_OPTION_HELP)
    .option('--out <dir>', 'write each verified blob as <dir>/<pod>.npz')
    .option('--json', 'print {run_id, cohort: [{pod, key, bytes, sha256, arrays: [{name, dtype, shape}], skipped: [{name, reason, bytes}]}], failures: [{pod, key, reason}]}')
    .action(async (opts: AcquireOptions) => (await import('./transport-acquire-action.js')).runTransportAcquire(ctx, opts));
}
