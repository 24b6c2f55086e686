import type { Command } from 'commander';
import type { CommandContext } from '../../command-context.js';
import { addReplayFlags } from '../../replay/replay-flags.js';
import { addStoreOptions } from '../../store/store-options.js';
import { addLocalizeFlags, addVerdictFlags, VERDICT_EXIT_HELP } from './verdict-flags.js';
import type { VerdictRunFlags } from './verdict-run-action.js';

/**
 * `repro verdict localize` (flags as `verdict run`, plus --replays-per-factor K, --factors a,b,
 * --factors-file FILE): the verdict of `verdict run`, then, whatever it is, one factor at a time varied
 * from the pinned baseline; the ranked factors, the culprit and how to pin it are stored with the verdict.
 */
export function registerVerdictLocalizeCommand(verdict: Command, ctx: CommandContext): void {
  const command = addVerdictFlags(
    verdict
      .command('localize')
      .description(
        'decide the verdict as `verdict run`, then vary one factor at a time from the pinned baseline (hash seed, thread caps, CPUs, numeric-library variables, locale, time zone, path, environment) and name the one that moves the metric',
      ),
  ).argument('<command...>', 'the training command, after --: e.g. -- python3 train.py --fold 3');
  addLocalizeFlags(command);
  addReplayFlags(command, { pinned: true });
  addStoreOptions(command);
  command.addHelpText(
    'after',
    `\nThe default catalogue (ids for --factors): hash_seed, threads_omp, threads_mkl, threads_openblas, threads_numexpr,\nthreads_veclib, threads_blis, threads_all, cpu_affinity, openblas_coretype, mkl_cbwr, mkl_enable_instructions,\ncublas_workspace_config, locale, time_zone, cwd_path, parent_env. The exit code is the verdict's.\n${VERDICT_EXIT_HELP}`,
  );
  command.action(async (argv: string[], opts: VerdictRunFlags) => (await import('./verdict-run-action.js')).runVerdictRun(ctx, argv, opts, { localize: 'always' }));
}
