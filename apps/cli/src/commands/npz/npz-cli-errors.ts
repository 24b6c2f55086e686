import { type DecodeNpzOptions, NpzEncodeError, NpzFormatError } from '@repro/s43-transport';
import { invalidInput } from '../../cli-error.js';
import { parseInteger } from '../../input/parse-number-list.js';

/** A byte-count flag: a positive integer number of bytes. */
function parseBytesFlag(flag: string, value: string | undefined): number | undefined {
  return value === undefined ? undefined : parseInteger(flag, value, 1);
}

/** `--max-bytes N` and `--max-total-bytes N` as decode options. */
export function parseLimitFlags(opts: { maxBytes?: string; maxTotalBytes?: string }): DecodeNpzOptions {
  const maxMemberBytes = parseBytesFlag('--max-bytes', opts.maxBytes);
  const maxTotalBytes = parseBytesFlag('--max-total-bytes', opts.maxTotalBytes);
  return { ...(maxMemberBytes === undefined ? {} : { maxMemberBytes }), ...(maxTotalBytes === undefined ? {} : { maxTotalBytes }) };
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
