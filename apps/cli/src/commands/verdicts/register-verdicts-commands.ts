import type { Command } from 'commander';
import type { CommandContext } from '../../command-context.js';
import { registerVerdictsListCommand } from './verdicts-list-command.js';

/** Registers the `repro verdicts …` commands: the verdict history in the store. */
export function registerVerdictsCommands(program: Command, ctx: CommandContext): void {
  const verdicts = program.command('verdicts').description('the verdict history kept in the store');
  registerVerdictsListCommand(verdicts, ctx);
}
