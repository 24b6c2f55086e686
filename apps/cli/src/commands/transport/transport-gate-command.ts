import type { Command } from 'commander';
import type { CommandContext } from '../../command-context.js';
import { STORE_OPTION_HELP } from './store-option-help.js';
import type { TransportGateFlags } from './transport-gate-action.js';

/** `repro transport gate --run R --expected N [--pods P1,P2,…] [--json]`: exit 0 complete, 13 incomplete. */
export function registerTransportGateCommand(transport: Command, ctx: CommandContext): void {
  transport
    .command('gate')
    .description('count the pod blobs listed for the run (not downloaded: acquire verifies them) against the expected number and the named pods, persist _gate.json; exit 13 when incomplete')
    .requiredOption('--run <run_id>', 'run id')
    .requiredOption('--expected <n>', 'number of pods expected')
    .option('--pods <list>', 'comma-separated pod ids that must be present')
    .option('--store <uri>', STORE_OPTION_HELP)
    .option('--json', 'print {run_id, cohort_count, expected, complete, missing_pods}')
    .action(async (opts: TransportGateFlags) => (await import('./transport-gate-action.js')).runTransportGate(ctx, opts));
}
