import { describe, expect, it } from 'vitest';
import { canonicalRunInputSchema } from './canonical-run-input.js';
import { epsProdInputSchema } from './eps-prod-input.js';
import { pathOfNul } from './storable-text.js';

describe('U+0000, which PostgreSQL text and jsonb cannot hold', () => {
  it('is found at its path in strings, nested values and keys', () => {
    expect(pathOfNul({ a: [1, { b: 'x\u0000' }] })).toEqual(['a', 1, 'b']);
    expect(pathOfNul({ "k\u0000": 1 })).toEqual(['k\u0000']);
    expect(pathOfNul({ a: 'fine', b: [null, 2, 'ü'] })).toBeNull();
  });

  it('is refused by the input schemas, naming the field, before anything reaches the database', () => {
    const run = canonicalRunInputSchema.safeParse({ run_id: 'r', cell: 'c', metric: 'm', value: 1, provenance: { os: 'linux\u0000' } });
    expect(run.success).toBe(false);
    expect(run.error?.issues[0]).toMatchObject({ path: ['provenance', 'os'], message: expect.stringContaining('NUL') });
    const envelope = epsProdInputSchema.safeParse({
      image_sha: 'i\u0000',
      cell: 'c',
      metric: 'm',
      status: 'unmeasured',
      eps_prod: null,
      reason: 'too_few_samples',
      n: 1,
      method: 'nonparametric',
      coverage: 0.9,
      confidence: 0.95,
      mean: null,
      sd: null,
      samples: [1],
    });
    expect(envelope.error?.issues.map((issue) => issue.path)).toContainEqual(['image_sha']);
  });
});
