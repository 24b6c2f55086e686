import { type Command, Option } from 'commander';
import type { CommandContext } from '../../command-context.js';
import { addStoreOptions, type StoreFlags } from '../../store/store-options.js';

const VERDICT_NAMES = ['FIDELITY_OK', 'NON_DETERMINISTIC', 'CANONICAL_DIVERGENCE', 'INCONCLUSIVE_TOOLING'] as const;
/** canonical-provenance's MAX_VERDICT_LIMIT (the action checks against the package's own; a test keeps them equal). */
export const VERDICT_LIMIT_HELP = 10_000;
const DEFAULT_LIMIT = 100;

export interface ListOptions extends StoreFlags {
  cell?: string;
  metric?: string;
  verdict?: (typeof VERDICT_NAMES)[number];
  limit: string;
  json?: boolean;
}

/**
 * `repro verdicts list [--cell C] [--metric M] [--verdict V] [--limit N] [--json]` → the stored Verdict
 * artefacts as a JSON array, newest first (default limit 100).
 */
export function registerVerdictsListCommand(verdicts: Command, ctx: CommandContext): void {
  addStoreOptions(verdicts.command('list').description('stored verdicts, newest first'))
    .option('--cell <cell>', 'only this cell')
    .option('--metric <metric>', 'only this metric')
    .addOption(new Option('--verdict <verdict>', 'only this verdict').choices(VERDICT_NAMES))
    .option('--limit <n>', `at most this many (1 to ${VERDICT_LIMIT_HELP})`, String(DEFAULT_LIMIT))
    .option('--json', 'print the Verdict artefacts as one JSON array')
    .action(async (opts: ListOptions) => (await import('./verdicts-list-action.js')).runVerdictsList(ctx, opts));
}
