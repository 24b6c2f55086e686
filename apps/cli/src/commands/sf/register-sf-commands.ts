import type { Command } from 'commander';
import type { CommandContext } from '../../command-context.js';
import { registerSfExplainCommand } from './sf-explain-command.js';
import { registerSfLintCommand } from './sf-lint-command.js';
import { registerSfParallelizeCommand } from './sf-parallelize-command.js';
import { registerSfRenderCommand } from './sf-render-command.js';

/** Registers the `repro sf …` commands (AWS Step Functions topology: lint, parallelize, render, explain). */
export function registerSfCommands(program: Command, ctx: CommandContext): void {
  const sf = program.command('sf').description('AWS Step Functions (ASL) topology: lint, parallelize with branch isolation, render, explain');
  registerSfLintCommand(sf, ctx);
  registerSfParallelizeCommand(sf, ctx);
  registerSfRenderCommand(sf, ctx);
  registerSfExplainCommand(sf, ctx);
}
