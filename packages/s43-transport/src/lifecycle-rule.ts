import type { LifecycleRule } from '@aws-sdk/client-s3';
import { DEFAULT_S43_PREFIX } from './s43-ids.js';

export interface S43LifecycleOptions {
  /** Days after which blobs under the prefix expire (default 7). */
  expirationDays?: number;
  /** Days after which incomplete multipart uploads are aborted (default 1). */
  abortIncompleteDays?: number;
}

/** The rule's id: one per prefix, so applying twice replaces rather than duplicates. */
export function s43LifecycleRuleId(prefix: string): string {
  return `repro-s43-transport:${prefix}`;
}

/** The lifecycle rule for the transport prefix (S3 API shape): expire after 7 days, abort stale multiparts after 1. Pure. */
export function s43LifecycleRule(prefix: string = DEFAULT_S43_PREFIX, options: S43LifecycleOptions = {}): LifecycleRule {
  return {
    ID: s43LifecycleRuleId(prefix),
    Status: 'Enabled',
    Filter: { Prefix: `${prefix.replace(/\/+$/, '')}/` },
    Expiration: { Days: options.expirationDays ?? 7 },
    AbortIncompleteMultipartUpload: { DaysAfterInitiation: options.abortIncompleteDays ?? 1 },
  };
}

/** The existing rules with `rule` added, or replacing the rule of the same ID; every other rule is kept as is. Pure. */
export function mergeLifecycleRules(existing: readonly LifecycleRule[], rule: LifecycleRule): LifecycleRule[] {
  const out = existing.map((r) => (r.ID === rule.ID ? rule : r));
  if (!existing.some((r) => r.ID === rule.ID)) out.push(rule);
  return out;
}

export interface LifecycleCheck {
  in_force: boolean;
  rule_id: string;
  /** Why the rule is not in force (empty when it is). */
  problems: string[];
}

const filterPrefix = (r: LifecycleRule) => r.Filter?.Prefix ?? r.Filter?.And?.Prefix ?? r.Prefix;

/** Is `expected` in force among `rules`: present, enabled, same prefix, expiration and multipart abort? Pure. */
export function checkLifecycleRule(rules: readonly LifecycleRule[], expected: LifecycleRule): LifecycleCheck {
  const id = expected.ID ?? '';
  const found = rules.find((r) => r.ID === id);
  const problems: string[] = [];
  if (found === undefined) problems.push(`no rule with ID ${id}`);
  else {
    if (found.Status !== 'Enabled') problems.push(`rule ${id} is ${found.Status}`);
    if (filterPrefix(found) !== filterPrefix(expected)) problems.push(`rule ${id} filters prefix ${JSON.stringify(filterPrefix(found))}, expected ${JSON.stringify(filterPrefix(expected))}`);
    if (found.Expiration?.Days !== expected.Expiration?.Days) problems.push(`rule ${id} expires after ${found.Expiration?.Days ?? 'never'} days, expected ${expected.Expiration?.Days}`);
    const abort = found.AbortIncompleteMultipartUpload?.DaysAfterInitiation;
    if (abort !== expected.AbortIncompleteMultipartUpload?.DaysAfterInitiation) problems.push(`rule ${id} aborts incomplete multipart uploads after ${abort ?? 'never'} days, expected ${expected.AbortIncompleteMultipartUpload?.DaysAfterInitiation}`);
  }
  return { in_force: problems.length === 0, rule_id: id, problems };
}
