import type { Command } from 'commander';
import type { CommandContext } from '../../command-context.js';
import { registerMetricsReduceCommand } from './metrics-reduce-command.js';

/** Registers the `repro metrics …` commands (cross-rank metric reduction). */
export function registerMetricsCommands(program: Command, ctx: CommandContext): void {
  const metrics = program.command('metrics').description('cross-rank metric reduction: reduction specs, stream-mixing and ledger families');
  registerMetricsReduceCommand(metrics, ctx);
}
