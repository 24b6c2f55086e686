import type { Command } from 'commander';
import type { CommandContext } from '../../command-context.js';

export interface ParallelizeOptions {
  chain: string;
  branch: string[];
  name?: string;
  failureHandler?: string;
  out?: string;
  json?: boolean;
}

function collectBranch(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** `repro sf parallelize FILE --chain … --branch A=… --branch B=… [--name N] [--failure-handler S] [--out FILE]`. */
export function registerSfParallelizeCommand(sf: Command, ctx: CommandContext): void {
  sf.command('parallelize')
    .description('rewrite a contiguous chain of top-level states into a Parallel with per-branch error isolation')
    .argument('<file>', 'state machine definition (JSON)')
    .requiredOption('--chain <states>', 'the chain: top-level states in execution order, comma-separated')
    .option('--branch <name=states>', 'a group of the chain run as one branch (repeat, two or more)', collectBranch, [] as string[])
    .option('--name <name>', 'name of the new Parallel state')
    .option('--failure-handler <state>', 'existing top-level state to route failures to (default: new Fail states naming the branch)')
    .option('--out <file>', 'write the new definition here instead of stdout')
    .option('--json', 'print {definition, parallel_state, branches, removed_states, warnings, out} as one JSON document')
    .action(async (file: string, opts: ParallelizeOptions) => (await import('./sf-parallelize-action.js')).runSfParallelize(ctx, file, opts));
}
