import { GetBucketLifecycleConfigurationCommand, type LifecycleRule, PutBucketLifecycleConfigurationCommand } from '@aws-sdk/client-s3';
import { startMotoServer } from '@repro/test-services';
import { afterAll, describe, expect, it } from 'vitest';
import { freshBucket, motoClient, testS3Store } from '../test/moto-s3.js';
import { applyLifecycleRule, verifyLifecycleRule } from './lifecycle.js';
import { checkLifecycleRule, mergeLifecycleRules, s43LifecycleRule } from './lifecycle-rule.js';

const moto = await startMotoServer();
afterAll(() => moto?.stop());

const other: LifecycleRule = { ID: 'logs-30d', Status: 'Enabled', Filter: { Prefix: 'logs/' }, Expiration: { Days: 30 } };

describe('lifecycle rule (pure)', () => {
  it('expires the prefix after 7 days and aborts incomplete multipart uploads after 1', () => {
    expect(s43LifecycleRule()).toEqual({
      ID: 'repro-s43-transport:s43-predictions',
      Status: 'Enabled',
      Filter: { Prefix: 's43-predictions/' },
      Expiration: { Days: 7 },
      AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
    });
  });
  it('merge keeps every other rule and replaces only the rule with the same ID', () => {
    const rule = s43LifecycleRule();
    expect(mergeLifecycleRules([], rule)).toEqual([rule]);
    expect(mergeLifecycleRules([other], rule)).toEqual([other, rule]);
    const stale = { ...rule, Expiration: { Days: 30 } };
    expect(mergeLifecycleRules([stale, other], rule)).toEqual([rule, other]);
  });
  it('check names what is wrong: missing, disabled, other prefix, other days', () => {
    const rule = s43LifecycleRule();
    expect(checkLifecycleRule([other], rule)).toEqual({ in_force: false, rule_id: rule.ID, problems: [`no rule with ID ${rule.ID}`] });
    expect(checkLifecycleRule([{ ...rule, Status: 'Disabled' }], rule).problems).toEqual([`rule ${rule.ID} is Disabled`]);
    expect(checkLifecycleRule([{ ...rule, Expiration: { Days: 30 }, AbortIncompleteMultipartUpload: undefined }], rule).problems).toHaveLength(2);
    expect(checkLifecycleRule([{ ...rule, Filter: { Prefix: 'x/' } }], rule).problems[0]).toContain('"x/"');
    expect(checkLifecycleRule([other, rule], rule)).toEqual({ in_force: true, rule_id: rule.ID, problems: [] });
  });
});

describe.skipIf(moto === null)('lifecycle against moto', () => {
  it('apply on a bucket without configuration is not an error; verify then finds the rule in force', async () => {
    const store = testS3Store(moto!.endpoint, await freshBucket(moto!.endpoint, 'lc'));
    const rule = s43LifecycleRule();
    expect(await verifyLifecycleRule(store, rule)).toMatchObject({ in_force: false });
    expect(await applyLifecycleRule(store, rule)).toEqual({ rule_id: rule.ID, rules: 1, replaced: false });
    expect(await verifyLifecycleRule(store, rule)).toEqual({ in_force: true, rule_id: rule.ID, problems: [] });
  });
  it('apply merges into an existing configuration without clobbering other rules, and re-applying replaces', async () => {
    const bucket = await freshBucket(moto!.endpoint, 'lc');
    const client = motoClient(moto!.endpoint);
    await client.send(new PutBucketLifecycleConfigurationCommand({ Bucket: bucket, LifecycleConfiguration: { Rules: [other] } }));
    const store = testS3Store(moto!.endpoint, bucket);
    const rule = s43LifecycleRule();
    expect(await applyLifecycleRule(store, rule)).toEqual({ rule_id: rule.ID, rules: 2, replaced: false });
    expect(await applyLifecycleRule(store, rule)).toEqual({ rule_id: rule.ID, rules: 2, replaced: true });
    const rules = (await client.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket }))).Rules ?? [];
    expect(rules.map((r) => [r.ID, r.Expiration?.Days, r.Filter?.Prefix])).toEqual([
      ['logs-30d', 30, 'logs/'],
      [rule.ID, 7, 's43-predictions/'],
    ]);
    expect(rules[1]!.AbortIncompleteMultipartUpload).toEqual({ DaysAfterInitiation: 1 });
  });
  it('verify fails when the rule in the bucket drifted', async () => {
    const bucket = await freshBucket(moto!.endpoint, 'lc');
    const store = testS3Store(moto!.endpoint, bucket);
    await store.putLifecycleRules([{ ...s43LifecycleRule(), Expiration: { Days: 30 } }]);
    const check = await verifyLifecycleRule(store, s43LifecycleRule());
    expect(check.in_force).toBe(false);
    expect(check.problems).toEqual(['rule repro-s43-transport:s43-predictions expires after 30 days, expected 7']);
  });
});
