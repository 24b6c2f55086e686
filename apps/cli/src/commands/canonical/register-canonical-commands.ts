import type { Command } from 'commander';
import type { CommandContext } from '../../command-context.js';

/** Registers the `repro canonical …` commands. None yet. */
export function registerCanonicalCommands(_program: Command, _ctx: CommandContext): void {}
