import type { Command } from 'commander';
import type { CommandContext } from '../../command-context.js';
import { registerDbInspectCommand } from './db-inspect-command.js';
import { registerDbMigrateCommand } from './db-migrate-command.js';
import { registerDbStatusCommand } from './db-status-command.js';

/** Registers the `repro db …` commands: the canonical-provenance store's migrations, status and P0 schema gate. */
export function registerDbCommands(program: Command, ctx: CommandContext): void {
  const db = program
    .command('db')
    .description('the canonical store (PostgreSQL via --db / DATABASE_URL, else embedded PGlite under $REPRO_HOME/db): migrations, status, P0 schema gate');
  registerDbMigrateCommand(db, ctx);
  registerDbStatusCommand(db, ctx);
  registerDbInspectCommand(db, ctx);
}
