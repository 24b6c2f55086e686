import { z } from 'zod';

/**
 * The one set of id rules shared by `repro submit` (checked at submit time), the worker (checked again
 * when a job is claimed) and any CLI flag that takes one of these ids.
 *
 * Bound: a cell, metric or image SHA is at most `MAX_ID_BYTES` (200) bytes of UTF-8. The longest key the
 * worker derives from one is `<prefix>/verdicts/<cell>/<job uuid>.json` = prefix + 252 bytes, which fits
 * S3's 1024-byte key limit for any store prefix up to 772 bytes; every path segment (≤ 200 bytes, or the
 * 41-byte artefact name and its temp-file name) fits a 255-byte file name. Run and pod ids are single key
 * segments of at most 128 characters (`s43-predictions/<run_id>/<pod>.npz`).
 */
export const MAX_ID_BYTES = 200;

/** A run id or pod id (s43 key segment): letters, digits, `.`, `_`, `-`, not leading with a dot, ≤ 128. Same as @repro/s43-transport's. */
export const SEGMENT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** A profile name: a key of the worker config's `profiles`. */
export const PROFILE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** The kinds of id a job or a flag names. */
export const ID_KINDS = ['cell', 'metric', 'image_sha', 'run_id', 'pod', 'profile'] as const;
export type IdKind = (typeof ID_KINDS)[number];

// C0 controls (ESC included, so every ANSI escape), DEL, C1 controls, line/paragraph separators and the
// bidirectional overrides/isolates (which reorder what a terminal shows).
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

function describeChar(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** A path-like id (cell, metric, image SHA): `/`-separated segments, none empty, `.` or `..`, no leading `/`, no `\`. */
function pathLikeProblem(value: string): string | null {
  if (value.startsWith('/')) return 'must not start with "/" (an absolute path)';
  if (value.includes('\\')) return 'must not contain "\\"';
  for (const segment of value.split('/')) {
    if (segment === '' || segment === '.' || segment === '..') return `must not contain an empty, "." or ".." segment (${JSON.stringify(segment)})`;
    if (segment.trim() !== segment) return 'no segment may start or end with whitespace';
  }
  return null;
}

/** Why `value` is not a valid `kind` id, or null when it is. Pure. */
export function idProblem(kind: IdKind, value: unknown): string | null {
  if (typeof value !== 'string') return 'must be a string';
  if (value === '') return 'must not be empty';
  if (value.trim() === '') return 'must not be whitespace only';
  const bad = UNPRINTABLE.exec(value);
  if (bad !== null) return `must not contain control or invisible formatting characters (${describeChar(bad[0])} at index ${bad.index})`;
  if (value.trim() !== value) return 'must not start or end with whitespace';
  if (kind === 'run_id' || kind === 'pod' || kind === 'profile') {
    const pattern = kind === 'profile' ? PROFILE_NAME_PATTERN : SEGMENT_ID_PATTERN;
    return pattern.test(value) ? null : 'letters, digits, ".", "_", "-" only, starting with a letter or digit, at most 128 characters';
  }
  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes > MAX_ID_BYTES) return `at most ${MAX_ID_BYTES} bytes (UTF-8), got ${bytes}`;
  return pathLikeProblem(value);
}

/** An id refused by the shared rules: names the kind (`cell`, `run_id`…) and what is wrong. */
export class InvalidIdentifierError extends Error {
  override name = 'InvalidIdentifierError';
  constructor(
    readonly kind: IdKind,
    /** The refused value, JSON-quoted in the message so control characters show escaped. */
    readonly value: string,
    readonly problem: string,
  ) {
    super(`invalid ${kind} ${JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value)}: ${problem}`);
  }
}

/** Returns `value` when it is a valid `kind` id; throws InvalidIdentifierError otherwise. */
export function checkId(kind: IdKind, value: unknown): string {
  const problem = idProblem(kind, value);
  if (problem !== null) throw new InvalidIdentifierError(kind, String(value), problem);
  return value as string;
}

/** The zod schema of a `kind` id (what the job payload schemas use). */
export function idSchema(kind: IdKind) {
  return z.string().superRefine((value, ctx) => {
    const problem = idProblem(kind, value);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
  });
}
