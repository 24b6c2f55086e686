import type { Command } from 'commander';
import type { CommandContext } from '../../command-context.js';

/** `repro sf lint FILE… [--json]`: validate() plus the isolation lint; exit 1 when any file has an error. */
export function registerSfLintCommand(sf: Command, ctx: CommandContext): void {
  sf.command('lint')
    .description('validate ASL definitions: structural and graph diagnostics with RFC 6901 paths, plus the isolation lint')
    .argument('<files...>', 'state machine definitions (JSON)')
    .option('--json', 'print one JSON document: {valid, diagnostics} for one file, an array of {file, valid, diagnostics} for several')
    .action(async (files: string[], opts: { json?: boolean }) => (await import('./sf-lint-action.js')).runSfLint(ctx, files, opts));
}
