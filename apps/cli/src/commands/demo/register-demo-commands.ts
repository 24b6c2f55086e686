import type { Command } from 'commander';
import type { CommandContext } from '../../command-context.js';

/** Registers `repro demo`: the main job end to end on an embedded store, then every path of the rule. */
export function registerDemoCommands(program: Command, ctx: CommandContext): void {
  program
    .command('demo')
    .description('end to end on an embedded store: record a canonical, measure eps_prod, replay a bundled training script, decide and explain four verdicts')
    .option('--json', 'print {store, example, canonical, envelope, steps, rule_paths} as one JSON document (progress still on stderr)')
    .action(async (opts: { json?: boolean }) => (await import('./demo-action.js')).runDemo(ctx, opts));
}
