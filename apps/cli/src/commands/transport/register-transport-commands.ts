import type { Command } from 'commander';
import type { CommandContext } from '../../command-context.js';
import { registerTransportAcquireCommand } from './transport-acquire-command.js';
import { registerTransportGateCommand } from './transport-gate-command.js';
import { registerTransportLifecycleCommand } from './transport-lifecycle-command.js';
import { registerTransportLsCommand } from './transport-ls-command.js';
import { registerTransportPersistCommand } from './transport-persist-command.js';

/** Registers the `repro transport …` commands (s43 cross-pod transport: persist, acquire, gate, ls, lifecycle). */
export function registerTransportCommands(program: Command, ctx: CommandContext): void {
  const transport = program.command('transport').description('per-pod prediction arrays through an object store: persist, acquire, gate, ls, lifecycle');
  registerTransportPersistCommand(transport, ctx);
  registerTransportAcquireCommand(transport, ctx);
  registerTransportGateCommand(transport, ctx);
  registerTransportLsCommand(transport, ctx);
  registerTransportLifecycleCommand(transport, ctx);
}
