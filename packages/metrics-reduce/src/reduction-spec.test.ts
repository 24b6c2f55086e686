import { describe, expect, it } from 'vitest';
import { parseReductionSpec } from './reduction-spec.js';
import { ReductionSpecError } from './reduction-spec-error.js';

/** The spec file shape of the issue, verbatim. */
const ISSUE_SPEC = {
  missing: 'error',
  non_finite: 'propagate',
  keys: {
    loss: { op: 'mean' },
    tokens: { op: 'sum', max_sibling: true },
    loss_w: { op: 'weighted_mean', weight: 'tokens' },
    'stream_mixing/picks/*': { op: 'sum' },
    hit_rate: { derive: 'ratio', numerator: 'hits', denominator: 'lookups' },
  },
};

function specError(input: unknown): ReductionSpecError {
  try {
    parseReductionSpec(input, 'spec.json');
  } catch (error) {
    if (error instanceof ReductionSpecError) return error;
    throw error;
  }
  throw new Error('expected a ReductionSpecError');
}

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
