import { describe, expect, it } from 'vitest';
import { caughtError } from '../test/caught-error.js';
import { ISSUE_SPEC } from '../test/rank-fixtures.js';
import { parseReductionSpec } from './reduction-spec.js';
import { ReductionSpecError } from './reduction-spec-error.js';

const specError = (input: unknown) => caughtError(() => parseReductionSpec(input, 'spec.json'), ReductionSpecError);

describe('parseReductionSpec', () => {
  it('accepts the issue’s spec file shape unchanged', () => {
    const spec = parseReductionSpec(JSON.parse(JSON.stringify(ISSUE_SPEC)));
    expect(spec).toEqual(ISSUE_SPEC);
  });

  it('defaults missing to "error" and non_finite to "propagate"', () => {
    expect(parseReductionSpec({})).toEqual({ missing: 'error', non_finite: 'propagate', keys: {} });
  });

  it.each([
    [{ missing: 'ignore' }, 'missing'],
    [{ non_finite: 'clip' }, 'non_finite'],
    [{ extra: 1 }, ''],
    [{ keys: { loss: { op: 'median' } } }, 'keys["loss"].op'],
    [{ keys: { loss: { op: 'mean', unknown: true } } }, 'keys["loss"]'],
    [{ keys: { loss_w: { op: 'weighted_mean' } } }, 'keys["loss_w"].weight'],
    [{ keys: { loss: { op: 'mean', weight: 'tokens' } } }, 'keys["loss"].weight'],
    [{ keys: { 'rate/*': { derive: 'ratio', numerator: 'a', denominator: 'b' } } }, 'keys["rate/*"]'],
    [{ keys: { rate: { derive: 'ratio', numerator: 'a/*', denominator: 'b' } } }, 'keys["rate"].numerator'],
    [{ keys: { rate: { derive: 'ratio', numerator: 'a' } } }, 'keys["rate"].denominator'],
    [{ keys: { r1: { derive: 'ratio', numerator: 'a', denominator: 'b' }, r2: { derive: 'ratio', numerator: 'r1', denominator: 'b' } } }, 'keys["r2"].numerator'],
    [{ keys: { '': { op: 'sum' } } }, 'keys[""]'],
  ])('rejects %j naming the field %s', (input, path) => {
    const error = specError(input);
    expect(error.path).toBe(path);
    expect(error.source).toBe('spec.json');
    expect(error.message.startsWith(`spec.json: ${path !== '' ? `${path}: ` : ''}`)).toBe(true);
  });
});
