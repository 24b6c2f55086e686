import type { CliIo } from '../cli-io.js';

/** `--json`: exactly one JSON document on stdout. */
export function printJson(io: CliIo, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}
