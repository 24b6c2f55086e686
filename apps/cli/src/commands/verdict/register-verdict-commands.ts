import type { Command } from 'commander';
import type { CommandContext } from '../../command-context.js';
import { registerVerdictDecideCommand } from './verdict-decide-command.js';
import { registerVerdictLocalizeCommand } from './verdict-localize-command.js';
import { registerVerdictRunCommand } from './verdict-run-command.js';

/** Registers the `repro verdict …` commands. */
export function registerVerdictCommands(program: Command, ctx: CommandContext): void {
  const verdict = program.command('verdict').description('verdicts on replay fidelity: deterministic? matching the canonical result? if not, why?');
  registerVerdictRunCommand(verdict, ctx);
  registerVerdictLocalizeCommand(verdict, ctx);
  registerVerdictDecideCommand(verdict, ctx);
}
