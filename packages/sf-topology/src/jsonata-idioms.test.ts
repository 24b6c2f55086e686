import fc from 'fast-check';
import jsonata from 'jsonata';
import { describe, expect, it } from 'vitest';
import { evaluateJsonataIdiom } from './jsonata-idioms.js';

describe('evaluateJsonataIdiom', () => {
  it('agrees with the reference jsonata on the idioms, when everything is known', async () => {
    const cases: [string, Record<string, unknown>][] = [
      ["{% $merge([$states.input, {'status': 'OK'}]) %}", { input: { a: 1 } }],
      ['{% $merge([$states.input, {"error": $states.errorOutput}]) %}', { input: { a: 1 }, errorOutput: { Error: 'E', Cause: 'c' } }],
      ['{% $merge([$states.input, {"r": {"A": $states.result[0], "B": $states.result[1]}}]) %}', { input: {}, result: [{ s: 'OK' }, { s: 'FAILED' }] }],
      ["{% $states.input.`r`.`A`.`s` = 'FAILED' %}", { input: { r: { A: { s: 'FAILED' } } } }],
      ["{% $states.input.r.A != 'FAILED' %}", { input: { r: { A: 'OK' } } }],
      ['{% $states.input %}', { input: { x: [1, 2] } }],
      ['{% [1, "two", true, null] %}', {}],
    ];
    for (const [expression, states] of cases) {
      const reference = await jsonata(/^\{%([\s\S]*)%\}$/.exec(expression)![1]!).evaluate(null, { states });
      expect(evaluateJsonataIdiom(expression, states), expression).toEqual({ known: true, value: reference });
    }
  });

  it('unknown data stays unknown: a missing member, an unknown comparison, a foreign expression', () => {
    expect(evaluateJsonataIdiom("{% $states.input.x = 'A' %}", { input: {} })).toEqual({ known: false });
    expect(evaluateJsonataIdiom('{% $states.result[0] %}', { input: {} })).toEqual({ known: false });
    expect(evaluateJsonataIdiom('{% $count($states.input.list) %}', { input: { list: [1] } })).toEqual({ known: false });
    // an unknown member of a constructed object is left out (absent = unknown), the rest is known
    expect(evaluateJsonataIdiom("{% $merge([$states.input, {'a': $states.result}]) %}", { input: { k: 1 } })).toEqual({ known: true, value: { k: 1 } });
  });

  it('a string without {% %} is a literal; never throws on arbitrary text', () => {
    expect(evaluateJsonataIdiom('plain', {})).toEqual({ known: true, value: 'plain' });
    fc.assert(
      fc.property(fc.string(), (text) => {
        const k = evaluateJsonataIdiom(`{% ${text} %}`, { input: {} });
        expect(typeof k.known).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });
});
