import { CommanderError } from 'commander';
import { CliError } from './cli-error.js';
import { type CliIo, InterruptedError } from './cli-io.js';
import type { CommandContext } from './command-context.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { checkIdFlags } from './input/check-id-flags.js';
import { checkOutputFlags } from './input/check-output-flags.js';
import type { CliEvent, LogFormat } from './output/log-format.js';
import { printJson } from './output/print-json.js';
import { escapeForTerminal } from './output/terminal-text.js';
import { createProgram } from './program.js';

/** The error code of a failure that carries none, by exit code. */
const CODE_OF_EXIT: Readonly<Record<number, string>> = {
  [EXIT.FAILURE]: 'failed',
  [EXIT.INVALID_INPUT]: 'invalid_input',
  [EXIT.SERVICE_UNAVAILABLE]: 'service_unavailable',
  [EXIT.CONFLICT]: 'conflict',
};

/** One failure, as printed: `repro: message` on stderr; `{"error": {code, message, …fields}}` under --json. */
interface Failure {
  readonly exitCode: number;
  readonly code: string;
  readonly message: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

/** The flags that shape output, read from the arguments before `--` (the training command's are not ours). */
function outputFlags(argv: readonly string[]): { json: boolean; verbose: boolean } {
  const end = argv.indexOf('--');
  const own = end === -1 ? argv : argv.slice(0, end);
  return { json: own.includes('--json'), verbose: own.includes('--verbose') };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A CliError as a failure. Commands give their JSON body in one of two historical shapes —
 * `{error: "code", …fields}` or `{error: {code, message, …fields}}` — or none; all become the contract's
 * `{error: {code, message, …fields}}` here, so every command (ours or another package's) obeys it.
 */
function cliFailure(error: CliError): Failure {
  const fallback = CODE_OF_EXIT[error.exitCode] ?? 'failed';
  const body = error.jsonBody;
  if (!isRecord(body)) return { exitCode: error.exitCode, code: fallback, message: error.message, fields: {} };
  const { error: inner, ...outer } = body;
  // The CliError's message is the one line (it names the flag or file); a package's own message, when
  // different, is kept as `detail`.
  const merged: Record<string, unknown> = isRecord(inner) ? { ...outer, ...inner } : { ...outer, code: inner };
  const { code, message: detail, ...details } = merged;
  return {
    exitCode: error.exitCode,
    code: typeof code === 'string' ? code : fallback,
    message: error.message,
    fields: typeof detail === 'string' && detail !== error.message ? { ...details, detail } : details,
  };
}

/** commander's usage errors (`commander.unknownOption`) as failures with a snake_case code (`unknown_option`), exit 2. */
function usageFailure(error: CommanderError): Failure {
  const code = error.code.replace(/^commander\./, '').replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  const message = `${error.message.replace(/^error: /, '')} (run with --help for usage)`;
  return { exitCode: EXIT.INVALID_INPUT, code, message, fields: { usage: true } };
}

function interruptFailure(signal: AbortSignal): Failure {
  const name = signal.reason instanceof InterruptedError ? signal.reason.signalName : 'SIGINT';
  return {
    exitCode: name === 'SIGTERM' ? 143 : 130,
    code: 'interrupted',
    message: `interrupted by ${name}: every replay process group was killed`,
    fields: { signal: name },
  };
}

/**
 * Run `repro` with `argv` (without node and script) and return the exit code. This is the one output
 * path of every command: under --json, stdout is buffered and holds exactly one JSON document at the
 * end, the result or `{"error": {code, message, …}}`; without --json, a failure is one `repro: …` line
 * on stderr. Usage errors exit 2; `repro` or a group without a subcommand prints help on stderr and exits
 * 2; SIGINT / SIGTERM exit 130 / 143 after the command's replays were killed; anything unexpected exits
 * 1, with the stack only under --verbose.
 */
export async function runCli(argv: readonly string[], baseIo: CliIo): Promise<number> {
  const flags = outputFlags(argv);
  const switches = { json: flags.json, events: false, quiet: false };
  let buffered = '';
  let interruptSignal: AbortSignal | undefined;
  const interrupts = () => {
    interruptSignal ??= baseIo.interrupts();
    return interruptSignal;
  };
  const io: CliIo = {
    ...baseIo,
    // JSON escapes what it holds; human output passes the terminal escaper (no value can rewrite the terminal)
    stdout: flags.json
      ? (text) => {
          buffered += text;
        }
      : (text) => baseIo.stdout(escapeForTerminal(text)),
    interrupts,
    get quiet() {
      return switches.quiet;
    },
  };
  let exitCode: ExitCode = EXIT.OK;
  let eventLog: ((event: CliEvent) => void) | undefined;
  const ctx: CommandContext = {
    io,
    setExitCode: (code) => {
      exitCode = code;
    },
    emitEvent: (event) => {
      // set before the action runs when --events was given (the preAction hook); otherwise never printed
      eventLog?.(event);
    },
    now: () => new Date(),
    get signal() {
      return interrupts();
    },
    output: switches,
    progress: (line) => {
      if (!switches.quiet) baseIo.stderr(`${escapeForTerminal(line)}\n`);
    },
    warn: (message) => baseIo.stderr(`repro: warning: ${escapeForTerminal(message)}\n`),
  };
  const program = createProgram(ctx);
  program.hook('preAction', async (_program, actionCommand) => {
    const opts = actionCommand.optsWithGlobals<{ events?: boolean; quiet?: boolean }>();
    switches.events = opts.events === true;
    switches.quiet = opts.quiet === true;
    if (switches.events) {
      // pino and the event levels are loaded only when events are asked for
      const { createEventLog } = await import('./output/event-log.js');
      eventLog = createEventLog(baseIo, program.opts<{ logFormat: LogFormat }>().logFormat);
    }
    // commander lets the program's global --events / --quiet win wherever they appear; a command that
    // declares the same flag itself (verdict run --events) still sees it set.
    for (const name of ['events', 'quiet'] as const) {
      if (switches[name] && actionCommand.options.some((option) => option.attributeName() === name)) actionCommand.setOptionValue(name, true);
    }
    await checkIdFlags(actionCommand);
    checkOutputFlags(actionCommand, baseIo.cwd);
  });

  let failure: Failure | undefined;
  try {
    await program.parseAsync([...argv], { from: 'user' });
    if (interruptSignal?.aborted) failure = interruptFailure(interruptSignal);
  } catch (error) {
    failure = toFailure(error, interruptSignal, flags.verbose, baseIo);
  }
  if (failure === undefined) {
    if (buffered !== '') baseIo.stdout(buffered);
    return exitCode;
  }
  if (failure.exitCode === EXIT.OK) {
    if (buffered !== '') baseIo.stdout(buffered);
    return EXIT.OK;
  }
  if (flags.json) printJson(baseIo, { error: { code: failure.code, message: failure.message, ...failure.fields, ...partialOutput(buffered) } });
  baseIo.stderr(`repro: ${escapeForTerminal(failure.message.replace(/\s*\n\s*/g, ' '))}\n`);
  return failure.exitCode;
}

/** A document a command printed before it failed is kept, as `output`, inside the error document. */
function partialOutput(buffered: string): { output?: unknown } {
  if (buffered.trim() === '') return {};
  try {
    return { output: JSON.parse(buffered) };
  } catch {
    return { output: buffered };
  }
}

function toFailure(error: unknown, interruptSignal: AbortSignal | undefined, verbose: boolean, io: CliIo): Failure {
  if (interruptSignal?.aborted) return interruptFailure(interruptSignal);
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return { exitCode: EXIT.OK, code: 'ok', message: '', fields: {} };
    // `repro` or a group without a subcommand: commander printed the help on stderr.
    if (error.code === 'commander.help' || error.code === 'commander.executeSubCommandAsync') {
      return { exitCode: EXIT.INVALID_INPUT, code: 'missing_command', message: 'a command is required (the help above lists them)', fields: { usage: true } };
    }
    return usageFailure(error);
  }
  if (error instanceof CliError) return cliFailure(error);
  const message = error instanceof Error ? error.message : String(error);
  if (verbose && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
  return {
    exitCode: EXIT.FAILURE,
    code: 'unexpected_error',
    message: `unexpected error: ${message}${verbose ? '' : ' (run again with --verbose for the stack trace)'}`,
    fields: {},
  };
}
