import { type Command, Option } from 'commander';
import type { CommandContext } from '../../command-context.js';
import { addReplayFlags } from '../../replay/replay-flags.js';
import { addStoreOptions } from '../../store/store-options.js';
import type { EnvelopeMeasureFlags } from './envelope-measure-action.js';

/** The methods of `--method` (verdict-core's ENVELOPE_METHODS; the use case's schema rejects any other). */
const METHODS = ['pairwise-normal', 'nonparametric'];

/**
 * `repro envelope measure --cell C --metric M --image-sha SHA [-n 10] [--force] [--coverage p]
 * [--confidence γ] [--method M] [--eps-prod-threshold 0.05] [--cwd DIR] [--build-sha SHA] -- CMD…`: the envelope-for-an-image use case in-process, a progress bar
 * on stderr. Defaults of the options are the use case's (`envelopeOptionsSchema`).
 */
export function registerEnvelopeMeasureCommand(envelope: Command, ctx: CommandContext): void {
  const command = envelope
    .command('measure')
    .description('run the command n times un-capped (as production runs), compute eps_prod and store it by production image SHA')
    .requiredOption('--cell <cell>', 'the training cell')
    .requiredOption('--metric <metric>', 'the metric the command reports')
    .requiredOption('--image-sha <sha>', 'the production image SHA these runs stand for')
    .option('-n, --n <runs>', 'number of production-config runs (default: 10; ≥ 10 for a bound, at most 1000)')
    .option('--force', 're-measure even when eps_prod for this image SHA is already stored (a record stored as unmeasured is never reused)')
    .option('--coverage <p>', 'the quantile p of |X − X′| to bound (default: 0.95)')
    .option('--confidence <γ>', 'confidence of the bound (default: 0.95)')
    .addOption(new Option('--method <method>', 'pairwise-normal (default) or nonparametric').choices(METHODS))
    .option('--eps-prod-threshold <share>', 'warn when eps_prod exceeds this share of |mean of the runs| (masked dependence; default 0.05)')
    .option('--json', 'print the stored record as one JSON document')
    .argument('<command...>', 'the training command, after --');
  addReplayFlags(command, { pinned: false });
  addStoreOptions(command);
  command.action(async (argv: string[], opts: EnvelopeMeasureFlags) => (await import('./envelope-measure-action.js')).runEnvelopeMeasure(ctx, argv, opts));
}
