import type { Command } from 'commander';
import type { CommandContext } from '../../command-context.js';
import { addReplayFlags } from '../../replay/replay-flags.js';
import { addStoreOptions } from '../../store/store-options.js';
import { addLocalizeFlags, addVerdictFlags, VERDICT_EXIT_HELP } from './verdict-flags.js';
import type { VerdictRunFlags } from './verdict-run-action.js';

/**
 * `repro verdict run --cell C --metric M [--image-sha SHA] [--eps-num X] [--parity-dims D,…] [--replays K]
 * [--parallel|--sequential] [--hash-seed 0] [--threads 1] [--unpinned] [--localize …] [--cwd DIR]
 * [--build-sha SHA] [--params FILE] [--timeout S] [--pass-env …] [--out FILE] [--events] [--json] -- CMD ARGS…`:
 * the verdict-for-a-cell use case in-process. Defaults of the options are the use case's (`verdictOptionsSchema`).
 */
export function registerVerdictRunCommand(verdict: Command, ctx: CommandContext): void {
  const command = addVerdictFlags(
    verdict
      .command('run')
      .description('replay a training cell K times in fresh pinned processes, compare with its canonical run, decide, explain and save the verdict'),
  )
    .option('--localize', 'when the replays disagree (H1 fails), also find which factor moves the metric (as `verdict localize`)')
    .option('--unpinned', 'run the replays as production runs (no hash seed, no thread caps): shows what pinning prevents; never a verdict to trust')
    .argument('<command...>', 'the training command, after --: e.g. -- python3 train.py --fold 3');
  addLocalizeFlags(command);
  addReplayFlags(command, { pinned: true });
  addStoreOptions(command);
  command.addHelpText('after', `\nProgress of the replays goes to stderr; then the verdict, why, and the next step.\n${VERDICT_EXIT_HELP}`);
  command.action(async (argv: string[], opts: VerdictRunFlags) => (await import('./verdict-run-action.js')).runVerdictRun(ctx, argv, opts));
}
