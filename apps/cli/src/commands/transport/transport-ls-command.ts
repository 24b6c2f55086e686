import type { Command } from 'commander';
import type { CommandContext } from '../../command-context.js';
import { STORE_OPTION_HELP } from './store-option-help.js';

export interface LsOptions {
  run: string;
  store?: string;
  json?: boolean;
}

/** `repro transport ls --run R [--json]` → `[{pod, key, bytes}]`. */
export function registerTransportLsCommand(transport: Command, ctx: CommandContext): void {
  transport
    .command('ls')
    .description('list the pod blobs of a run (without loading them)')
    .requiredOption('--run <run_id>', 'run id')
    .option('--store <uri>', STORE_OPTION_HELP)
    .option('--json', 'print [{pod, key, bytes}]')
    .action(async (opts: LsOptions) => (await import('./transport-ls-action.js')).runTransportLs(ctx, opts));
}
