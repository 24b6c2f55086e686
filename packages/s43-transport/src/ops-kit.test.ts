import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { s43LifecycleRule } from './lifecycle-rule.js';
import { s43EventSchema } from './s43-events.js';

const read = (path: string) => readFileSync(fileURLToPath(new URL(`../${path}`, import.meta.url)), 'utf8');
/** Every event name the package can emit, from its zod catalogue. */
const catalogue = s43EventSchema.options.map((o) => o.shape.event.value).sort();

describe('the ops kit beside the code', () => {
  it('the 7-day lifecycle document is exactly the rule the package applies and verifies', () => {
    expect(JSON.parse(read('ops/s3-lifecycle-s43-predictions.json'))).toEqual({ Rules: [s43LifecycleRule()] });
  });

  it('the Loki ruler file uses only event names the package emits, and alerts on every one', () => {
    const loki = read('ops/loki-rules.yml');
    const used = [...new Set([...loki.matchAll(/event="([a-z0-9_]+)"/g)].map((m) => m[1]!))].sort();
    expect(used).toEqual(catalogue);
  });

  it('the Prometheus rules alert on series the Loki ruler records', () => {
    const recorded = new Set([...read('ops/loki-rules.yml').matchAll(/record: (s43:[a-z_]+:count5m)/g)].map((m) => m[1]!));
    const used = [...read('ops/prometheus-rules.yml').matchAll(/(s43:[a-z_]+:count5m)/g)].map((m) => m[1]!);
    expect(used.length).toBeGreaterThan(5);
    for (const series of used) expect(recorded, series).toContain(series);
  });

  it('the runbook has a section for every event the package emits', () => {
    const sections = [...read('docs/runbook.md').matchAll(/^## (s43_[a-z_]+)$/gm)].map((m) => m[1]!).sort();
    expect(sections).toEqual(catalogue);
  });
});
