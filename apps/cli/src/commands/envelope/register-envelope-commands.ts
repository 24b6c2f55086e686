import type { Command } from 'commander';
import type { CommandContext } from '../../command-context.js';
import { registerEnvelopeComputeCommand } from './envelope-compute-command.js';
import { registerEnvelopeKFactorCommand } from './envelope-k-factor-command.js';
import { registerEnvelopeMeasureCommand } from './envelope-measure-command.js';
import { registerEnvelopePutCommand } from './envelope-put-command.js';
import { registerEnvelopeShowCommand } from './envelope-show-command.js';

/** Registers the `repro envelope …` commands (eps_prod, the production tolerance envelope). */
export function registerEnvelopeCommands(program: Command, ctx: CommandContext): void {
  const envelope = program.command('envelope').description('eps_prod: the production tolerance envelope and its tolerance factors');
  registerEnvelopeComputeCommand(envelope, ctx);
  registerEnvelopeKFactorCommand(envelope, ctx);
  registerEnvelopeMeasureCommand(envelope, ctx);
  registerEnvelopePutCommand(envelope, ctx);
  registerEnvelopeShowCommand(envelope, ctx);
}
