import type { Command } from 'commander';
import type { CommandContext } from '../../command-context.js';
import { registerNpzConvertCommand } from './npz-convert-command.js';
import { registerNpzInspectCommand } from './npz-inspect-command.js';

/** Registers the `repro npz …` commands (numpy .npz files: inspect, convert). */
export function registerNpzCommands(program: Command, ctx: CommandContext): void {
  const npz = program.command('npz').description('numpy .npz files: inspect members and hashes, convert with our numpy-compatible writer');
  registerNpzInspectCommand(npz, ctx);
  registerNpzConvertCommand(npz, ctx);
}
