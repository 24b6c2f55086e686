import type { CliIo } from './cli-io.js';
import type { ExitCode } from './exit-codes.js';
import type { CliEvent } from './output/event-log.js';

/** What every command registrar receives. */
export interface CommandContext {
  io: CliIo;
  /** Set the process exit code without failing (e.g. a verdict other than FIDELITY_OK). */
  setExitCode(code: ExitCode): void;
  /** Renders a package event on stderr in the chosen --log-format (JSON line via pino, or logfmt). */
  emitEvent(event: CliEvent): void;
  /** The decision time for commands that stamp a result (the CLI owns the clock). */
  now(): Date;
}
