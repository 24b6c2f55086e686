import type { Command } from 'commander';
import type { CommandContext } from '../../command-context.js';

/** Registers the `repro verdicts …` commands. None yet. */
export function registerVerdictsCommands(_program: Command, _ctx: CommandContext): void {}
