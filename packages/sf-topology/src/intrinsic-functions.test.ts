import { describe, expect, it } from 'vitest';
import { checkIntrinsicCall, INTRINSIC_FUNCTIONS, MAX_INTRINSIC_NESTING } from './intrinsic-functions.js';

const call = (name: string, n: number) => `${name}(${Array.from({ length: n }, (_, i) => `$.a${i}`).join(', ')})`;
const kinds = (text: string) => checkIntrinsicCall(text).map((p) => p.kind);

describe('intrinsic functions: the catalogue and its arities', () => {
  it.each(Object.entries(INTRINSIC_FUNCTIONS))('%s accepts its arity and rejects one fewer / one more', (name, [min, max]) => {
    expect(kinds(call(name, min))).toEqual([]);
    if (max !== Number.POSITIVE_INFINITY) expect(kinds(call(name, max))).toEqual([]);
    if (min > 0) expect(kinds(call(name, min - 1))).toEqual(['INTRINSIC_ARITY']);
    if (max !== Number.POSITIVE_INFINITY) expect(kinds(call(name, max + 1))).toEqual(['INTRINSIC_ARITY']);
  });
  it('an unknown function is UNKNOWN_INTRINSIC, also when nested', () => {
    expect(kinds('States.Concat($.a)')).toEqual(['UNKNOWN_INTRINSIC']);
    expect(kinds("States.Format('{}', States.Lower($.a))")).toEqual(['UNKNOWN_INTRINSIC']);
  });
});

describe('intrinsic functions: argument syntax', () => {
  it('accepts quoted strings with escapes, numbers, booleans, null, paths with brackets and filters, nested calls', () => {
    expect(kinds("States.Format('it\\'s {} \\{x\\} {}', $.a['b c'][0], $$.Execution.Id)")).toEqual([]);
    expect(kinds('States.Array(1, -2.5, 1e3, true, false, null, $.items[?(@.x > 1)], $var.x)')).toEqual([]);
    expect(kinds("States.Hash(States.JsonToString($.a), 'SHA-512')")).toEqual([]);
  });
  it('rejects double quotes, bare words, missing arguments, unbalanced parentheses and trailing text', () => {
    for (const bad of ['States.Format("{}", $.a)', 'States.Array(foo)', 'States.Array($.a,)', 'States.Array($.a', 'States.Array($.a) x', "States.Format('{}, $.a)"]) {
      expect(kinds(bad)).toContain('INVALID_INTRINSIC');
    }
  });
  it(`nests at most ${MAX_INTRINSIC_NESTING} deep`, () => {
    const nest = (n: number): string => (n === 1 ? 'States.JsonToString($.x)' : `States.JsonToString(${nest(n - 1)})`);
    expect(kinds(nest(MAX_INTRINSIC_NESTING))).toEqual([]);
    expect(kinds(nest(MAX_INTRINSIC_NESTING + 1))).toEqual(['INVALID_INTRINSIC']);
  });
});
