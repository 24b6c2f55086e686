import type { Command } from 'commander';
import type { CommandContext } from '../../command-context.js';
import { registerCanonicalHistoryCommand } from './canonical-history-command.js';
import { registerCanonicalPromoteCommand } from './canonical-promote-command.js';
import { registerCanonicalRecordCommand } from './canonical-record-command.js';
import { registerCanonicalShowCommand } from './canonical-show-command.js';

/** Registers the `repro canonical …` commands: canonical runs with their P0 provenance. */
export function registerCanonicalCommands(program: Command, ctx: CommandContext): void {
  const canonical = program.command('canonical').description('canonical runs of a (cell, metric) with their P0 provenance: record, promote, show, history');
  registerCanonicalRecordCommand(canonical, ctx);
  registerCanonicalShowCommand(canonical, ctx);
  registerCanonicalPromoteCommand(canonical, ctx);
  registerCanonicalHistoryCommand(canonical, ctx);
}
