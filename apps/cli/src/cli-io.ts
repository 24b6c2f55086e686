/** Everything a command touches outside itself, injected so commands run in-process under test. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readStdin(): Promise<string>;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  stdoutIsTty: boolean;
  stderrIsTty: boolean;
  /**
   * A signal aborted on SIGINT / SIGTERM, for long commands that must stop their child process groups
   * before exiting. Only commands that ask for it take over those signals.
   */
  interrupts(): AbortSignal;
  /** `--quiet`: progress reporters print nothing (set by runCli; results and errors still print). */
  quiet?: boolean;
}

/** The abort reason of the interrupt signal: which signal ended the command (exit 128 + its number). */
export class InterruptedError extends Error {
  override name = 'InterruptedError';
  constructor(readonly signalName: 'SIGINT' | 'SIGTERM') {
    super(`interrupted by ${signalName}`);
  }
}

export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    env: process.env,
    cwd: process.cwd(),
    stdoutIsTty: process.stdout.isTTY === true,
    stderrIsTty: process.stderr.isTTY === true,
    interrupts: interruptSignal,
  };
}

/**
 * An AbortSignal aborted by the first SIGINT or SIGTERM, so that running replays are killed (their
 * whole process groups) before the CLI exits; a second signal exits at once.
 */
let interruptController: AbortController | undefined;

function interruptSignal(): AbortSignal {
  if (interruptController) return interruptController.signal;
  const controller = new AbortController();
  interruptController = controller;
  const onSignal = (name: 'SIGINT' | 'SIGTERM') => {
    if (controller.signal.aborted) process.exit(name === 'SIGINT' ? 130 : 143);
    controller.abort(new InterruptedError(name));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return controller.signal;
}
