import type { CliIo } from './cli-io.js';
import type { ExitCode } from './exit-codes.js';
import type { CliEvent } from './output/log-format.js';

/** The global output switches of `repro`, known once the command line is parsed. */
export interface OutputSwitches {
  /** `--json`: stdout holds exactly one JSON document, success or failure. */
  readonly json: boolean;
  /** `--events`: package events are printed on stderr (never unasked). */
  readonly events: boolean;
  /** `--quiet`: no progress lines. */
  readonly quiet: boolean;
}

/** What every command registrar receives. Only ever gains members (commands of other packages use it). */
export interface CommandContext {
  io: CliIo;
  /** Set the process exit code without failing (e.g. a verdict other than FIDELITY_OK). */
  setExitCode(code: ExitCode): void;
  /**
   * Renders a package event on stderr in the chosen --log-format (JSON line via pino, or logfmt), only
   * when the user asked with `--events`; otherwise the event is dropped.
   */
  emitEvent(event: CliEvent): void;
  /** The decision time for commands that stamp a result (the CLI owns the clock). */
  now(): Date;
  /**
   * Aborted by the first SIGINT / SIGTERM (the handlers are installed on first use): hand it to the
   * replay runner, which kills its process groups; the CLI then exits 130 (143 for SIGTERM).
   */
  readonly signal: AbortSignal;
  /** --json / --events / --quiet as given on the command line. */
  readonly output: OutputSwitches;
  /** One progress line on stderr, for people; silenced by --quiet. */
  progress(line: string): void;
  /** One `repro: warning: …` line on stderr (also under --json: stdout stays one document). */
  warn(message: string): void;
}
