import type { Command } from 'commander';
import type { CommandContext } from '../../command-context.js';
import { STORE_OPTION_HELP } from './store-option-help.js';

export interface LifecycleOptions {
  print?: boolean;
  apply?: boolean;
  verify?: boolean;
  store?: string;
  json?: boolean;
}

/** `repro transport lifecycle --print|--apply|--verify`: the 7-day rule on the prefix; --verify exits 0 only when in force. */
export function registerTransportLifecycleCommand(transport: Command, ctx: CommandContext): void {
  transport
    .command('lifecycle')
    .description('the bucket lifecycle rule for the prefix (expire after 7 days, abort incomplete multipart uploads after 1): print, apply (merged, never clobbering other rules) or verify')
    .option('--print', 'print the lifecycle configuration document')
    .option('--apply', "merge the rule into the bucket's lifecycle configuration")
    .option('--verify', 'exit 0 only when the rule is in force (else 1)')
    .option('--store <uri>', STORE_OPTION_HELP)
    .option('--json', 'print one JSON document')
    .action(async (opts: LifecycleOptions) => (await import('./transport-lifecycle-action.js')).runTransportLifecycle(ctx, opts));
}
