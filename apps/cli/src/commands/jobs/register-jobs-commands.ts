import type { Command } from 'commander';
import type { CommandContext } from '../../command-context.js';

/** Registers the `repro jobs …` commands. None yet. */
export function registerJobsCommands(_program: Command, _ctx: CommandContext): void {}
