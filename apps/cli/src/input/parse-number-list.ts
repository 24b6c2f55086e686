import { invalidInput } from '../cli-error.js';

/**
 * The one number grammar of every flag a user types: decimal only (`12`, `-0.5`, `.25`, `1e-9`), finite,
 * in range. Refused, each with a message naming the flag: hexadecimal, binary and octal literals, `NaN`,
 * `Infinity`, the empty string, whitespace inside, a value that overflows to ±Infinity, and a non-zero
 * literal that underflows to 0 or to a subnormal (`1e-400`), which would silently lose the user's number.
 */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const INTEGER = /^[+-]?\d+$/;
const SMALLEST_NORMAL = 2.2250738585072014e-308;

export interface NumberRange {
  /** Inclusive lower bound. */
  readonly min?: number;
  /** Inclusive upper bound. */
  readonly max?: number;
  /** Exclusive lower bound. */
  readonly above?: number;
  /** Exclusive upper bound. */
  readonly below?: number;
}

function refuse(flag: string, text: string, why: string, item?: number): never {
  const where = item === undefined ? '' : ` item ${item}`;
  throw invalidInput(`${flag}:${where} ${JSON.stringify(text)} ${why}`, { error: 'invalid_flag', flag, value: text, ...(item === undefined ? {} : { item }) });
}

function describeRange(range: NumberRange): string {
  const parts: string[] = [];
  if (range.min !== undefined) parts.push(`≥ ${range.min}`);
  if (range.above !== undefined) parts.push(`> ${range.above}`);
  if (range.max !== undefined) parts.push(`≤ ${range.max}`);
  if (range.below !== undefined) parts.push(`< ${range.below}`);
  return parts.join(' and ');
}

function checkRange(flag: string, text: string, value: number, range: NumberRange, item?: number): number {
  const inRange =
    (range.min === undefined || value >= range.min) &&
    (range.max === undefined || value <= range.max) &&
    (range.above === undefined || value > range.above) &&
    (range.below === undefined || value < range.below);
  if (!inRange) refuse(flag, text, `is out of range: must be ${describeRange(range)}`, item);
  return value;
}

/** One decimal number under the strict grammar (see above), in `range`. */
export function parseDecimal(flag: string, text: string, range: NumberRange = {}, item?: number): number {
  if (!DECIMAL.test(text)) refuse(flag, text, 'is not a decimal number (digits, an optional fraction and exponent; no hex, NaN or Infinity)', item);
  const value = Number(text);
  if (!Number.isFinite(value)) refuse(flag, text, 'overflows: not a finite number', item);
  const nonZeroDigits = /[1-9]/.test(text.replace(/[eE].*$/, ''));
  if (nonZeroDigits && Math.abs(value) < SMALLEST_NORMAL) refuse(flag, text, 'underflows: too close to 0 to be represented', item);
  return checkRange(flag, text, value === 0 ? 0 : value, range, item);
}

/** One integer (decimal digits only, a safe integer) in `range`. */
export function parseWholeNumber(flag: string, text: string, range: NumberRange = {}, item?: number): number {
  if (!INTEGER.test(text)) refuse(flag, text, 'is not an integer (decimal digits only)', item);
  const value = Number(text);
  if (!Number.isSafeInteger(value)) refuse(flag, text, `is out of range: beyond ±${Number.MAX_SAFE_INTEGER}`, item);
  return checkRange(flag, text, value === 0 ? 0 : value, range, item);
}

/** `a,b,c` → its items, trimmed; an empty item (`1,,2`, a trailing comma, nothing at all) is refused. */
export function splitList(flag: string, text: string): string[] {
  const items = text.split(',').map((item) => item.trim());
  items.forEach((item, index) => {
    if (item === '') refuse(flag, text, `has an empty item ${index + 1}`);
  });
  return items;
}

function single(flag: string, text: string): string {
  const items = splitList(flag, text);
  if (items.length !== 1) refuse(flag, text, `takes one value, not a list of ${items.length}`);
  return items[0]!;
}

/** `--flag 1,2.5,-3` → numbers, each under the strict grammar and in `range`. */
export function parseNumberList(flag: string, text: string, range: NumberRange = {}): number[] {
  return splitList(flag, text).map((item, index) => parseDecimal(flag, item, range, index + 1));
}

/** A probability list: every item strictly between 0 and 1. */
export function parseProbabilityList(flag: string, text: string): number[] {
  return parseNumberList(flag, text, { above: 0, below: 1 });
}

/** A sample-size list: every item an integer ≥ `min`. */
export function parseIntegerList(flag: string, text: string, min: number, max?: number): number[] {
  return splitList(flag, text).map((item, index) => parseWholeNumber(flag, item, { min, ...(max === undefined ? {} : { max }) }, index + 1));
}

/** A flag that takes exactly one probability. */
export function parseProbability(flag: string, text: string): number {
  return parseDecimal(flag, single(flag, text), { above: 0, below: 1 });
}

/** A flag that takes exactly one finite number, at least `min` when given. */
export function parseFiniteNumber(flag: string, text: string, options: NumberRange = {}): number {
  return parseDecimal(flag, single(flag, text), options);
}

/** A flag that takes exactly one integer ≥ `min` (and ≤ `max` when given). */
export function parseInteger(flag: string, text: string, min: number, max?: number): number {
  return parseWholeNumber(flag, single(flag, text), { min, ...(max === undefined ? {} : { max }) });
}

/** A flag that takes one positive number of seconds (at most `maxSeconds`), returned in milliseconds. */
export function parseSeconds(flag: string, text: string, maxSeconds: number): number {
  return Math.round(parseDecimal(flag, single(flag, text), { above: 0, max: maxSeconds }) * 1000);
}
