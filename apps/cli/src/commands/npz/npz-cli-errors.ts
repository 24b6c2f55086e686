import { NpzEncodeError, NpzFormatError } from '@repro/s43-transport';
import { invalidInput } from '../../cli-error.js';
import { parseInteger } from '../../input/parse-number-list.js';

/** `--max-bytes N`: a positive integer number of bytes. */
export function parseMaxBytes(value: string | undefined): number | undefined {
  return value === undefined ? undefined : parseInteger('--max-bytes', value, 1);
}

/**
 * A file to reject → exit 2 with `{error: {code, member, message}}` under --json; a missing or unreadable
 * file → exit 2 naming it. Anything else is rethrown.
 */
export function npzCliError(file: string, error: unknown): unknown {
  if (error instanceof NpzFormatError) {
    return invalidInput(`${file}: ${error.message}`, { error: { code: error.code, member: error.member, message: error.message } });
  }
  if (error instanceof NpzEncodeError) return invalidInput(`${file}: ${error.message}`, { error: { code: 'encode_error', member: error.arrayName, message: error.message } });
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES') {
    const message = `cannot read ${file} (${code})`;
    return invalidInput(message, { error: { code: 'unreadable_file', member: null, message } });
  }
  return error;
}
