import type { CliIo } from '../cli-io.js';
import { escapeForTerminal } from './terminal-text.js';

export interface ProgressReporter {
  /** `done` of `total` finished; `detail` is a short note on the last one. */
  update(done: number, total: number, detail: string): void;
  /** Ends the bar (a newline on a TTY). */
  finish(): void;
}

const WIDTH = 30;

/**
 * Progress on stderr: a redrawn bar when stderr is a TTY, else one plain line per update (logs and CI
 * stay readable). stdout is never touched; `--quiet` (io.quiet) silences it.
 */
export function createProgressReporter(io: CliIo, label: string): ProgressReporter {
  let drawn = false;
  return {
    update(done, total, detail) {
      if (io.quiet === true) return;
      detail = escapeForTerminal(detail);
      if (!io.stderrIsTty) {
        io.stderr(`${label}: ${done}/${total} ${detail}\n`);
        return;
      }
      const filled = total === 0 ? WIDTH : Math.round((done / total) * WIDTH);
      io.stderr(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${done}/${total} ${detail}\u001b[K`);
      drawn = true;
    },
    finish() {
      if (drawn) io.stderr('\n');
    },
  };
}
