import type { LifecycleRule } from '@aws-sdk/client-s3';
import { type LifecycleCheck, checkLifecycleRule, mergeLifecycleRules } from './lifecycle-rule.js';

/** A bucket whose lifecycle configuration can be read and written (S3Store is one). */
export interface LifecycleTarget {
  getLifecycleRules(): Promise<LifecycleRule[]>;
  putLifecycleRules(rules: LifecycleRule[]): Promise<void>;
}

export interface LifecycleApplyResult {
  rule_id: string;
  /** Rules in the bucket's configuration after the merge. */
  rules: number;
  /** true when a rule with the same ID was replaced, false when it was added. */
  replaced: boolean;
}

/**
 * Read the bucket's lifecycle configuration (none is not an error), merge `rule` into it without touching
 * any other rule, and write the merged configuration back.
 */
export async function applyLifecycleRule(target: LifecycleTarget, rule: LifecycleRule): Promise<LifecycleApplyResult> {
  const existing = await target.getLifecycleRules();
  const merged = mergeLifecycleRules(existing, rule);
  await target.putLifecycleRules(merged);
  return { rule_id: rule.ID ?? '', rules: merged.length, replaced: existing.some((r) => r.ID === rule.ID) };
}

/** Read the bucket's configuration back and check that `rule` is in force. */
export async function verifyLifecycleRule(target: LifecycleTarget, rule: LifecycleRule): Promise<LifecycleCheck> {
  return checkLifecycleRule(await target.getLifecycleRules(), rule);
}
