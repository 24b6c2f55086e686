import { describe, expect, it } from 'vitest';
import { isBrokenJsonataString, isJsonataString, jsonataRestrictions, jsonataSyntaxProblem } from './jsonata-expression.js';

describe('JSONata expressions (jsonata 2.0.6)', () => {
  it('recognises {% … %} strings and half-written ones', () => {
    expect(isJsonataString('{% $x %}')).toBe(true);
    expect(isJsonataString('$x')).toBe(false);
    expect(isBrokenJsonataString('{% $x')).toBe(true);
    expect(isBrokenJsonataString('{% $x %}')).toBe(false);
  });
  it('a parse error names the position; a valid expression has none', () => {
    expect(jsonataSyntaxProblem(" $states.input.a & 'x' ")).toBeNull();
    const problem = jsonataSyntaxProblem(' $foo( ');
    expect(problem?.position).toBeTypeOf('number');
    expect(problem?.message).toMatch(/S02/);
  });
  it('$states.result only after a result, errorOutput only in a Catch, no $eval; strings and comments do not count', () => {
    const before = { result: false, errorOutput: false };
    expect(jsonataRestrictions('$states.result.x', before)).toHaveLength(1);
    expect(jsonataRestrictions('$states.result.x', { result: true, errorOutput: false })).toEqual([]);
    expect(jsonataRestrictions('$states.errorOutput', { result: false, errorOutput: true })).toEqual([]);
    expect(jsonataRestrictions('$states.errorOutput', before)).toHaveLength(1);
    expect(jsonataRestrictions('$eval("1")', before)).toHaveLength(1);
    expect(jsonataRestrictions('"$states.result" & /* $eval( */ $states.input', before)).toEqual([]);
  });
});
