import type { Command } from 'commander';
import type { CommandContext } from '../../command-context.js';
import { STORE_OPTION_HELP } from './store-option-help.js';
import type { TransportGateFlags } from './transport-gate-action.js';

/**
 * `repro transport gate --run R --expected N [--pods P1,P2,…] [--allow-unexpected] [--verify] [--json]`: exit 0
 * when the cohort is exactly the expected one (and, with --verify, every blob holds), 13 otherwise.
 */
export function registerTransportGateCommand(transport: Command, ctx: CommandContext): void {
  transport
    .command('gate')
    .description(
      'check the pod blobs listed for the run against the expected cohort: complete means exactly the expected number (and exactly the named pods); unexpected pods are reported and make it incomplete unless --allow-unexpected; --verify downloads each blob and checks its stored checksum against its content; persists _gate.json; exit 13 when incomplete',
    )
    .requiredOption('--run <run_id>', 'run id')
    .requiredOption('--expected <n>', 'number of pods expected')
    .option('--pods <list>', 'comma-separated pod ids: the expected set (every one present, no other)')
    .option('--allow-unexpected', 'tolerate pods beyond the expected ones (still reported)')
    .option('--verify', "download every blob and check its stored checksum against its content (and decode it)")
    .option('--store <uri>', STORE_OPTION_HELP)
    .option('--json', 'print {run_id, cohort_count, expected, complete, missing_pods, unexpected_pods, allow_unexpected, verified, corrupt_pods}')
    .action(async (opts: TransportGateFlags) => (await import('./transport-gate-action.js')).runTransportGate(ctx, opts));
}
