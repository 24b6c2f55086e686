import { CommanderError } from 'commander';
import { CliError } from './cli-error.js';
import type { CliIo } from './cli-io.js';
import type { CommandContext } from './command-context.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { type CliEvent, createEventLog, type LogFormat } from './output/event-log.js';
import { printJson } from './output/print-json.js';
import { createProgram } from './program.js';

/**
 * Run `repro` with `argv` (without node and script) and return the exit code. Every error ends here:
 * a CliError prints one line (and its JSON body under --json); a usage error exits 2; anything else is
 * an unexpected failure, exit 1, with the stack only under --verbose.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode: ExitCode = EXIT.OK;
  let eventLog: ((event: CliEvent) => void) | undefined;
  const ctx: CommandContext = {
    io,
    setExitCode: (code) => {
      exitCode = code;
    },
    emitEvent: (event) => {
      eventLog ??= createEventLog(io, program.opts<{ logFormat: LogFormat }>().logFormat);
      eventLog(event);
    },
    now: () => new Date(),
  };
  const program = await createProgram(ctx, argv);
  const wantsJson = argv.includes('--json');
  const verbose = argv.includes('--verbose');
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT.OK;
      if (error.code === 'commander.help') return EXIT.OK;
      // commander already printed its message on stderr.
      return EXIT.INVALID_INPUT;
    }
    if (error instanceof CliError) {
      if (wantsJson && error.jsonBody !== undefined) printJson(io, error.jsonBody);
      io.stderr(`repro: ${error.message}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`repro: unexpected error: ${message}\n`);
    if (verbose && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    else io.stderr('repro: run again with --verbose for the stack trace\n');
    return EXIT.FAILURE;
  }
}
