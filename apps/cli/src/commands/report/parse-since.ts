import { invalidInput } from '../../cli-error.js';

const AGE_UNITS_MS = { h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 } as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * `--since`: a date (midnight UTC), a date-time with offset, or an age before `now` (`36h`, `30d`, `8w`).
 * Anything else → exit 2 naming the flag.
 */
export function parseSince(text: string, now: Date): Date {
  const age = /^(\d+)([hdw])$/.exec(text);
  if (age) return new Date(now.getTime() - Number(age[1]) * AGE_UNITS_MS[age[2] as keyof typeof AGE_UNITS_MS]);
  const iso = DATE.test(text) ? `${text}T00:00:00Z` : DATE_TIME.test(text) ? text : null;
  const at = iso === null ? Number.NaN : Date.parse(iso);
  if (Number.isNaN(at)) {
    throw invalidInput(`--since: expected a date (2026-11-01), a date-time with offset (2026-11-01T08:00:00Z) or an age (36h, 30d, 8w), got ${JSON.stringify(text)}`, {
      error: 'invalid_flag',
      flag: '--since',
      value: text,
    });
  }
  return new Date(at);
}
