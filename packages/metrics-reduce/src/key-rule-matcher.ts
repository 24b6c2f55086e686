import { isDeriveRule, type KeyRule, type ReduceRule } from './reduction-spec.js';

interface SegmentShape {
  wildcard: boolean;
  literalChars: number;
  literalPrefix: number;
  stars: number;
}

interface CompiledPattern {
  pattern: string;
  rule: ReduceRule;
  regex: RegExp;
}

const DEFAULT_RULE: ReduceRule = Object.freeze({ op: 'mean' });

function shapeOf(segment: string): SegmentShape {
  const star = segment.indexOf('*');
  let stars = 0;
  for (const ch of segment) if (ch === '*') stars++;
  return { wildcard: star >= 0, literalChars: segment.length - stars, literalPrefix: star < 0 ? segment.length : star, stars };
}

function regexOf(pattern: string): RegExp {
  const body = pattern
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]*');
  return new RegExp(`^${body}$`);
}

/**
 * Specificity order of two patterns that match the same key (so they have the same number of
 * segments): compared segment by segment from the left, a segment without `*` beats one with `*`;
 * two wildcard segments compare by more literal characters, then a longer literal prefix, then fewer
 * `*`. A remaining tie goes to the pattern that sorts first (code-unit order). Negative → `a` wins.
 */
export function comparePatternSpecificity(a: string, b: string): number {
  const sa = a.split('/').map(shapeOf);
  const sb = b.split('/').map(shapeOf);
  const n = Math.min(sa.length, sb.length);
  for (let i = 0; i < n; i++) {
    const x = sa[i]!;
    const y = sb[i]!;
    if (x.wildcard !== y.wildcard) return x.wildcard ? 1 : -1;
    if (x.literalChars !== y.literalChars) return y.literalChars - x.literalChars;
    if (x.literalPrefix !== y.literalPrefix) return y.literalPrefix - x.literalPrefix;
    if (x.stars !== y.stars) return x.stars - y.stars;
  }
  if (sa.length !== sb.length) return sa.length - sb.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** True when `key` matches `pattern` (`*` matches any run of characters within one `/`-separated segment). */
export function matchesKeyPattern(pattern: string, key: string): boolean {
  return pattern.includes('*') ? regexOf(pattern).test(key) : pattern === key;
}

/**
 * Resolves the rule of a key: an exact rule first, else the most specific matching pattern
 * (see comparePatternSpecificity), else `{op: "mean"}`. Derived-ratio rules are not reduction rules:
 * `derivedRule(key)` returns them. Resolutions are cached per key.
 */
export class KeyRuleMatcher {
  private readonly exact = new Map<string, ReduceRule>();
  private readonly derived = new Map<string, KeyRule>();
  private readonly patterns: CompiledPattern[] = [];
  private readonly cache = new Map<string, ReduceRule>();

  constructor(keys: Readonly<Record<string, KeyRule>>) {
    for (const [key, rule] of Object.entries(keys)) {
      if (isDeriveRule(rule)) this.derived.set(key, rule);
      else if (key.includes('*')) this.patterns.push({ pattern: key, rule, regex: regexOf(key) });
      else this.exact.set(key, rule);
    }
    this.patterns.sort((a, b) => comparePatternSpecificity(a.pattern, b.pattern));
  }

  /** The reduction rule of `key` (with `op` defaulted to `mean`). */
  ruleFor(key: string): ReduceRule {
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    let rule = this.exact.get(key);
    if (rule === undefined) {
      // Patterns are sorted most specific first: the first match wins.
      for (const p of this.patterns) {
        if (p.regex.test(key)) {
          rule = p.rule;
          break;
        }
      }
    }
    const resolved: ReduceRule = rule === undefined ? DEFAULT_RULE : rule.op === undefined ? { ...rule, op: 'mean' } : rule;
    this.cache.set(key, resolved);
    return resolved;
  }

  /** The pattern or key whose rule `key` uses, or `null` for the default. */
  ruleSource(key: string): string | null {
    if (this.exact.has(key)) return key;
    for (const p of this.patterns) if (p.regex.test(key)) return p.pattern;
    return null;
  }

  /** Derived ratio keys with their rules, in the spec's order. */
  derivedRules(): ReadonlyMap<string, KeyRule> {
    return this.derived;
  }
}
