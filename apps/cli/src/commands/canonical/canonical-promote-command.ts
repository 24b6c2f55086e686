import type { Command } from 'commander';
import type { CommandContext } from '../../command-context.js';
import { addStoreOptions, type StoreFlags } from '../../store/store-options.js';

export interface PromoteOptions extends StoreFlags {
  runId: string;
  json?: boolean;
}

/** `repro canonical promote --run-id R [--json]` → `{run_id, cell, metric, changed, demoted_run_id}`; an unknown run → exit 2. */
export function registerCanonicalPromoteCommand(canonical: Command, ctx: CommandContext): void {
  addStoreOptions(canonical.command('promote').description('make a recorded run the canonical of its (cell, metric), demoting the previous one in the same transaction'))
    .requiredOption('--run-id <id>', 'the recorded run to promote')
    .option('--json', 'print the promotion as one JSON document')
    .action(async (opts: PromoteOptions) => (await import('./canonical-promote-action.js')).runCanonicalPromote(ctx, opts));
}
