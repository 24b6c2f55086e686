import type { CliIo } from '../src/cli-io.js';
import type { CommandContext } from '../src/command-context.js';

/** A CommandContext that prints nothing, for tests that build the program or resolve settings without running a command. */
export function stubCommandContext(env: Record<string, string> = {}, cwd = process.cwd()): CommandContext {
  const io: CliIo = { stdout: () => undefined, stderr: () => undefined, readStdin: async () => '', env, cwd, stdoutIsTty: false, stderrIsTty: false, interrupts: () => new AbortController().signal };
  return {
    io,
    setExitCode: () => undefined,
    emitEvent: () => undefined,
    now: () => new Date(0),
    signal: new AbortController().signal,
    output: { json: false, events: false, quiet: false },
    progress: () => undefined,
    warn: () => undefined,
  };
}
