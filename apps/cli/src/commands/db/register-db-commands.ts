import type { Command } from 'commander';
import type { CommandContext } from '../../command-context.js';

/** Registers the `repro db …` commands. None yet. */
export function registerDbCommands(_program: Command, _ctx: CommandContext): void {}
