import type { Command } from 'commander';
import type { CommandContext } from '../../command-context.js';

/** Registers the `repro submit …` commands. None yet. */
export function registerSubmitCommands(_program: Command, _ctx: CommandContext): void {}
