import { metricValueJson } from './metric-value.js';

/**
 * One output line `{"step": N, "metrics": {…}}` (no trailing newline), keys in `keys` order and
 * non-finite values as `"NaN"`, `"Infinity"`, `"-Infinity"`. Written by hand so integer-like keys keep
 * their place. Pure.
 */
export function formatStepJsonLine(step: number, result: { keys: readonly string[]; metrics: Readonly<Record<string, number>> }): string {
  let body = '';
  for (const key of result.keys) body += `${body === '' ? '' : ','}${JSON.stringify(key)}:${metricValueJson(result.metrics[key]!)}`;
  return `{"step":${step},"metrics":{${body}}}`;
}
