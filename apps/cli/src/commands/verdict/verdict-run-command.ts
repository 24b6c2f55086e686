import type { Command } from 'commander';
import type { CommandContext } from '../../command-context.js';
import { addReplayFlags } from '../../replay/replay-flags.js';
import { addStoreOptions } from '../../store/store-options.js';
import type { VerdictRunFlags } from './verdict-run-action.js';

/**
 * `repro verdict run --cell C --metric M [--image-sha SHA] [--eps-num X] [--parity-dims D,…]
 * [--parallel|--sequential] [--hash-seed 0] [--threads 1] [--params FILE] [--timeout S] [--pass-env …]
 * [--out FILE] [--events] [--json] -- CMD ARGS…`: the verdict-for-a-cell use case in-process. Defaults
 * of the options are the use case's (`verdictOptionsSchema`).
 */
export function registerVerdictRunCommand(verdict: Command, ctx: CommandContext): void {
  const command = verdict
    .command('run')
    .description('replay a training cell twice in fresh pinned processes, compare with its canonical run, decide, and save the verdict')
    .requiredOption('--cell <cell>', 'the training cell, e.g. defi_top5/fold-3')
    .requiredOption('--metric <metric>', 'the metric the command reports, e.g. f1_buy')
    .option('--image-sha <sha>', 'production image SHA whose eps_prod applies (default: $REPRO_IMAGE_SHA)')
    .option('--eps-num <x>', 'the numerical threshold eps_num (default: 1e-9)')
    .option('--parallel', 'run replays A and B at once (the default: about half the wall time at 2× CPU)')
    .option('--sequential', 'run replay A, then B (1 CPU at a time)')
    .option('--parity-dims <dims>', 'required P0 dimensions, comma-separated (default: build_sha,instance_type,os,lib_versions)')
    .option('--out <file>', 'also write the Verdict artefact (JSON) to this file')
    .option('--events', 'print the verdict and replay events as JSON lines (or logfmt) on stderr')
    .option('--json', 'print the Verdict as one JSON document')
    .argument('<command...>', 'the training command, after --: e.g. -- python3 train.py --fold 3');
  addReplayFlags(command, { pinned: true });
  addStoreOptions(command);
  command.addHelpText('after', '\nProgress of the two replays goes to stderr.\nExit codes: 0 FIDELITY_OK, 10 NON_DETERMINISTIC, 11 CANONICAL_DIVERGENCE, 12 INCONCLUSIVE_TOOLING; 2 invalid input, 3 store unavailable.');
  command.action(async (argv: string[], opts: VerdictRunFlags) => (await import('./verdict-run-action.js')).runVerdictRun(ctx, argv, opts));
}
