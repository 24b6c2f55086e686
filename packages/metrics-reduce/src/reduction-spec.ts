import { z } from 'zod';
import { ReductionSpecError } from './reduction-spec-error.js';

/** How a metric combines across ranks. `mean` is unweighted over ranks (what `torch.distributed` AVG gives). */
export type ReduceOp = 'mean' | 'sum' | 'max' | 'min' | 'weighted_mean';
/** `error`: a rank without a key is an error naming rank and key; `zero`: it counts as 0; `skip`: reduce over the ranks that have it. */
export type MissingPolicy = 'error' | 'zero' | 'skip';
/** `propagate`: NaN/±Infinity flow through IEEE arithmetic; `drop`: ignored (and counted) for mean, weighted_mean, max, min and `_max` siblings. */
export type NonFinitePolicy = 'propagate' | 'drop';

/** A rule for a key or a glob pattern. No `op` means `mean`. */
export interface ReduceRule {
  op?: ReduceOp;
  /** Required with `weighted_mean`: the key whose per-rank value weights this one (Σ v·w / Σ w). */
  weight?: string;
  /** Also emit `<key>_max`: the max over ranks. */
  max_sibling?: boolean;
}

/** A ratio computed after reduction from the reduced numerator and denominator (never a mean of per-rank ratios). */
export interface DeriveRatioRule {
  derive: 'ratio';
  numerator: string;
  denominator: string;
}

export type KeyRule = ReduceRule | DeriveRatioRule;

/** A reduction spec: the TS shape and the JSON shape are the same. */
export interface ReductionSpec {
  missing?: MissingPolicy;
  non_finite?: NonFinitePolicy;
  /** Exact keys or glob patterns (`*` matches within one `/`-separated segment) → rule. */
  keys?: Readonly<Record<string, KeyRule>>;
}

/** A validated spec with its defaults filled in. */
export interface NormalizedReductionSpec {
  missing: MissingPolicy;
  non_finite: NonFinitePolicy;
  keys: Readonly<Record<string, KeyRule>>;
}

const reduceRuleSchema = z.strictObject({
  op: z.enum(['mean', 'sum', 'max', 'min', 'weighted_mean']).optional(),
  weight: z.string().min(1).optional(),
  max_sibling: z.boolean().optional(),
});
const deriveRuleSchema = z.strictObject({
  derive: z.literal('ratio'),
  numerator: z.string().min(1),
  denominator: z.string().min(1),
});
const specSchema = z.strictObject({
  missing: z.enum(['error', 'zero', 'skip']).optional(),
  non_finite: z.enum(['propagate', 'drop']).optional(),
  keys: z.record(z.string(), z.unknown()).optional(),
});

/** True for a derived-ratio rule. */
export function isDeriveRule(rule: KeyRule): rule is DeriveRatioRule {
  return (rule as DeriveRatioRule).derive !== undefined;
}

function keyPath(key: string): string {
  return `keys[${JSON.stringify(key)}]`;
}

function issuePath(base: string, issue: z.core.$ZodIssue): string {
  let path = base;
  for (const part of issue.path) path += typeof part === 'number' ? `[${part}]` : path === '' ? String(part) : `.${String(part)}`;
  return path;
}

/**
 * Validate a reduction spec (parsed JSON or a TS object) and fill in the defaults
 * (`missing: "error"`, `non_finite: "propagate"`).
 * @throws ReductionSpecError naming the field (and `source`, the file, when given).
 */
export function parseReductionSpec(input: unknown, source?: string): NormalizedReductionSpec {
  const top = specSchema.safeParse(input);
  if (!top.success) {
    const issue = top.error.issues[0]!;
    throw new ReductionSpecError(issue.message, issuePath('', issue), source);
  }
  const keys: Record<string, KeyRule> = {};
  const rawKeys = top.data.keys ?? {};
  for (const [key, raw] of Object.entries(rawKeys)) {
    const path = keyPath(key);
    if (key === '') throw new ReductionSpecError('a key or pattern must not be empty', path, source);
    const isDerive = typeof raw === 'object' && raw !== null && 'derive' in raw;
    const parsed = isDerive ? deriveRuleSchema.safeParse(raw) : reduceRuleSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new ReductionSpecError(issue.message, issuePath(path, issue), source);
    }
    const rule = parsed.data as KeyRule;
    if (isDeriveRule(rule)) {
      if (key.includes('*')) throw new ReductionSpecError('a derived ratio must name one key, not a pattern', path, source);
      for (const field of ['numerator', 'denominator'] as const) {
        if (rule[field].includes('*')) throw new ReductionSpecError('must name one key, not a pattern', `${path}.${field}`, source);
      }
    } else {
      if (rule.op === 'weighted_mean' && rule.weight === undefined) {
        throw new ReductionSpecError('weighted_mean needs a "weight" key', `${path}.weight`, source);
      }
      if (rule.weight !== undefined && rule.op !== 'weighted_mean') {
        throw new ReductionSpecError('"weight" is only meaningful with op "weighted_mean"', `${path}.weight`, source);
      }
      if (rule.weight?.includes('*')) {
        throw new ReductionSpecError('must name one key, not a pattern', `${path}.weight`, source);
      }
    }
    keys[key] = rule;
  }
  for (const [key, rule] of Object.entries(keys)) {
    if (!isDeriveRule(rule)) {
      const weightRule = rule.weight !== undefined ? keys[rule.weight] : undefined;
      if (weightRule !== undefined && isDeriveRule(weightRule)) {
        throw new ReductionSpecError(`"${rule.weight}" is a derived ratio; a weight must be a reduced key`, `${keyPath(key)}.weight`, source);
      }
      continue;
    }
    for (const field of ['numerator', 'denominator'] as const) {
      const operand = keys[rule[field]];
      if (operand !== undefined && isDeriveRule(operand)) {
        throw new ReductionSpecError(`"${rule[field]}" is itself a derived ratio; operands must be reduced keys`, `${keyPath(key)}.${field}`, source);
      }
    }
  }
  return { missing: top.data.missing ?? 'error', non_finite: top.data.non_finite ?? 'propagate', keys };
}
