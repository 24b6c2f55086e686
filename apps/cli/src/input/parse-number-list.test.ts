import { describe, expect, it } from 'vitest';
import { CliError } from '../cli-error.js';
import { parseDecimal, parseFiniteNumber, parseInteger, parseIntegerList, parseNumberList, parseProbability, parseSeconds, parseWholeNumber } from './parse-number-list.js';

function refusal(parse: () => unknown): { exitCode: number; message: string; body: unknown } {
  try {
    parse();
  } catch (error) {
    if (error instanceof CliError) return { exitCode: error.exitCode, message: error.message, body: error.jsonBody };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('the one number grammar of every flag: decimal only, finite, in range', () => {
  it.each([
    ['0', 0],
    ['-0', 0],
    ['12', 12],
    ['+3', 3],
    ['-0.5', -0.5],
    ['.25', 0.25],
    ['5.', 5],
    ['1e-9', 1e-9],
    ['2.5E3', 2500],
    ['0.000', 0],
    ['0e-400', 0],
    ['1.7976931348623157e308', Number.MAX_VALUE],
    ['2.2250738585072014e-308', 2.2250738585072014e-308],
    ['0.75671234567891', 0.75671234567891],
  ])('accepts %s as %s', (text, value) => {
    expect(Object.is(parseDecimal('--x', text), value)).toBe(true);
  });

  it.each([
    ['0x10', 'is not a decimal number'],
    ['0b11', 'is not a decimal number'],
    ['0o7', 'is not a decimal number'],
    ['1_000', 'is not a decimal number'],
    ['NaN', 'is not a decimal number'],
    ['Infinity', 'is not a decimal number'],
    ['-Infinity', 'is not a decimal number'],
    ['', 'is not a decimal number'],
    [' ', 'is not a decimal number'],
    [' 1', 'is not a decimal number'],
    ['1 ', 'is not a decimal number'],
    ['1e', 'is not a decimal number'],
    ['e5', 'is not a decimal number'],
    ['.', 'is not a decimal number'],
    ['--1', 'is not a decimal number'],
    ['1,5', 'is not a decimal number'],
    ['1e400', 'overflows'],
    ['-1e309', 'overflows'],
    ['1e-400', 'underflows'],
    ['-2e-330', 'underflows'],
    ['1e-320', 'underflows'],
  ])('refuses %j (%s), exit 2 naming the flag', (text, why) => {
    const refused = refusal(() => parseDecimal('--value', text));
    expect(refused.exitCode).toBe(2);
    expect(refused.message).toBe(`--value: ${JSON.stringify(text)} ${refused.message.slice(`--value: ${JSON.stringify(text)} `.length)}`);
    expect(refused.message).toContain(why);
    expect(refused.body).toMatchObject({ error: 'invalid_flag', flag: '--value', value: text });
  });

  it.each([
    [{ min: 0 }, '-1', false],
    [{ min: 0 }, '0', true],
    [{ above: 0 }, '0', false],
    [{ above: 0, below: 1 }, '0.5', true],
    [{ above: 0, below: 1 }, '1', false],
    [{ max: 10 }, '10', true],
    [{ max: 10 }, '10.000001', false],
  ])('range %j on %s: accepted %s', (range, text, accepted) => {
    if (accepted) expect(parseDecimal('--x', text, range)).toBe(Number(text));
    else expect(refusal(() => parseDecimal('--x', text, range)).message).toContain('is out of range');
  });

  it.each([
    ['10', 10],
    ['-3', -3],
    ['9007199254740991', Number.MAX_SAFE_INTEGER],
  ])('integers: accepts %s', (text, value) => {
    expect(parseWholeNumber('--n', text)).toBe(value);
  });

  it.each(['1.5', '1e3', '1e18', '0x10', '9007199254740992', '', 'ten'])('integers: refuses %j', (text) => {
    expect(refusal(() => parseWholeNumber('--n', text)).exitCode).toBe(2);
  });

  it('a single-value flag refuses a list instead of silently taking its first item (envelope measure -n 2,99)', () => {
    expect(refusal(() => parseInteger('-n', '2,99', 1)).message).toBe('-n: "2,99" takes one value, not a list of 2');
    expect(refusal(() => parseFiniteNumber('--eps-num', '1e-9,1')).message).toContain('takes one value');
    expect(refusal(() => parseProbability('--coverage', '0.9,0.95')).message).toContain('takes one value');
  });

  it('lists: every item under the grammar, the failing item named; an empty item refused', () => {
    expect(parseNumberList('--values', '0.61, 0.612,1e-3')).toEqual([0.61, 0.612, 0.001]);
    expect(parseIntegerList('--n', '10,20', 2)).toEqual([10, 20]);
    expect(refusal(() => parseNumberList('--values', '0.61,0b11')).message).toBe('--values: item 2 "0b11" is not a decimal number (digits, an optional fraction and exponent; no hex, NaN or Infinity)');
    expect(refusal(() => parseNumberList('--values', '1,,2')).message).toBe('--values: "1,,2" has an empty item 2');
    expect(refusal(() => parseNumberList('--values', '')).message).toBe('--values: "" has an empty item 1');
    expect(refusal(() => parseIntegerList('--n', '10,1', 2)).message).toBe('--n: item 2 "1" is out of range: must be ≥ 2');
  });

  it('seconds: positive, bounded, returned in milliseconds', () => {
    expect(parseSeconds('--timeout', '1.5', 3600)).toBe(1500);
    expect(refusal(() => parseSeconds('--timeout', '0', 3600)).message).toContain('must be > 0');
    expect(refusal(() => parseSeconds('--timeout', '1e20', 3600)).message).toContain('must be > 0 and ≤ 3600');
  });
});
