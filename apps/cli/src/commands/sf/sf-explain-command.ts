import type { Command } from 'commander';
import type { CommandContext } from '../../command-context.js';

export interface ExplainOptions {
  fail: string;
  error: string;
  json?: boolean;
}

/** `repro sf explain FILE --fail STATE [--json]`: where the execution goes if STATE fails. */
export function registerSfExplainCommand(sf: Command, ctx: CommandContext): void {
  sf.command('explain')
    .description('explain the path an execution takes if a state fails (Retry, Catch, branch terminals, join) and where it ends')
    .argument('<file>', 'state machine definition (JSON)')
    .requiredOption('--fail <state>', 'the state that fails')
    .option('--error <name>', 'the error name it fails with', 'States.TaskFailed')
    .option('--json', 'print the explanation as JSON')
    .action(async (file: string, opts: ExplainOptions) => (await import('./sf-explain-action.js')).runSfExplain(ctx, file, opts));
}
