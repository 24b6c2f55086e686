import type { CliIo } from '../src/cli-io.js';
import { runCli } from '../src/run-cli.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run `repro` in-process with captured output (the same code path as the bin). */
export async function runRepro(
  argv: readonly string[],
  options: { stdin?: string; env?: Record<string, string | undefined>; cwd?: string; signal?: AbortSignal } = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    readStdin: async () => options.stdin ?? '',
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    stdoutIsTty: false,
    stderrIsTty: false,
    interrupts: () => options.signal ?? new AbortController().signal,
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}
