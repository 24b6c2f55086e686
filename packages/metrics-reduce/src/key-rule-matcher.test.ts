import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { comparePatternSpecificity, KeyRuleMatcher, matchesKeyPattern } from './key-rule-matcher.js';

/** An independent glob matcher: segment by segment, `*` = any run of characters (no `/`). */
function globMatches(pattern: string, key: string): boolean {
  const ps = pattern.split('/');
  const ks = key.split('/');
  if (ps.length !== ks.length) return false;
  return ps.every((p, i) => segmentMatches(p, ks[i]!));
}
function segmentMatches(p: string, s: string): boolean {
  if (p === '') return s === '';
  if (p[0] === '*') {
    for (let k = 0; k <= s.length; k++) if (segmentMatches(p.slice(1), s.slice(k))) return true;
    return false;
  }
  return s !== '' && p[0] === s[0] && segmentMatches(p.slice(1), s.slice(1));
}

const segment = fc.string({ unit: fc.constantFrom('a', 'b', '.', '+'), maxLength: 3 });
const key = fc.array(segment, { minLength: 1, maxLength: 3 }).map((s) => s.join('/'));
const patternSegment = fc.string({ unit: fc.constantFrom('a', 'b', '.', '*'), maxLength: 3 });
const pattern = fc.array(patternSegment, { minLength: 1, maxLength: 3 }).map((s) => s.join('/'));

describe('glob patterns', () => {
  it('`*` matches any run of characters within one segment, never across `/` (vs an independent matcher)', () => {
    fc.assert(fc.property(pattern, key, (p, k) => {
        expect(matchesKeyPattern(p, k)).toBe(globMatches(p, k));
      }), { numRuns: 2000 });
  });

  it('treats regex metacharacters in keys literally', () => {
    expect(matchesKeyPattern('a.b/*', 'a.b/x')).toBe(true);
    expect(matchesKeyPattern('a.b/*', 'aXb/x')).toBe(false);
    expect(matchesKeyPattern('stream_mixing/picks/*', 'stream_mixing/picks/web')).toBe(true);
    expect(matchesKeyPattern('stream_mixing/picks/*', 'stream_mixing/picks/web/extra')).toBe(false);
    expect(matchesKeyPattern('stream_mixing/*', 'stream_mixing/picks/web')).toBe(false);
  });
});

describe('most specific rule wins', () => {
  it('an exact key beats every pattern; a key matching nothing reduces by mean', () => {
    const m = new KeyRuleMatcher({ 'picks/*': { op: 'sum' }, 'picks/web': { op: 'max' }, '*/web': { op: 'min' } });
    expect(m.ruleFor('picks/web').op).toBe('max');
    expect(m.ruleFor('picks/books').op).toBe('sum');
    expect(m.ruleFor('other/web').op).toBe('min');
    expect(m.ruleFor('loss').op).toBe('mean');
    expect(new KeyRuleMatcher({ loss: { max_sibling: true } }).ruleFor('loss')).toEqual({ max_sibling: true, op: 'mean' });
  });

  it('a literal segment beats a wildcard segment, left to right; then more literal characters', () => {
    const m = new KeyRuleMatcher({ 'a/*': { op: 'sum' }, '*/b': { op: 'max' }, 'a/b*': { op: 'min' }, 'a/*b': { op: 'mean' } });
    expect(m.ruleSource('a/b')).toBe('a/b*'); // same literal count as a/*b; longer literal prefix wins
    expect(m.ruleSource('a/xb')).toBe('a/*b');
    expect(m.ruleSource('a/x')).toBe('a/*');
    expect(m.ruleSource('z/b')).toBe('*/b');
  });

  it('the chosen pattern matches and no other matching pattern is more specific (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(pattern.filter((p) => p.includes('*')), { minLength: 1, maxLength: 6 }), key, (patterns, k) => {
        const m = new KeyRuleMatcher(Object.fromEntries(patterns.map((p) => [p, { op: 'sum' as const }])));
        const matching = patterns.filter((p) => globMatches(p, k));
        const chosen = m.ruleSource(k);
        if (matching.length === 0) {
          expect(chosen).toBeNull();
          return;
        }
        expect(matching).toContain(chosen);
        for (const other of matching) expect(comparePatternSpecificity(chosen!, other)).toBeLessThanOrEqual(0);
      }),
      { numRuns: 1000 },
    );
  });

  it('specificity is a strict total order on distinct patterns (antisymmetric, transitive)', () => {
    fc.assert(
      fc.property(pattern, pattern, pattern, (a, b, c) => {
        expect(Math.sign(comparePatternSpecificity(a, b)) + Math.sign(comparePatternSpecificity(b, a))).toBe(0);
        if (a !== b) expect(comparePatternSpecificity(a, b)).not.toBe(0);
        if (comparePatternSpecificity(a, b) < 0 && comparePatternSpecificity(b, c) < 0) expect(comparePatternSpecificity(a, c)).toBeLessThan(0);
      }),
      { numRuns: 2000 },
    );
  });
});
