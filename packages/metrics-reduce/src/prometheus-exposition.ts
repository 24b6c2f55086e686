import { MetricKeyError } from './metric-key-error.js';

/**
 * A metric key as a Prometheus metric name (`[a-zA-Z_][a-zA-Z0-9_]*`): `/` and every other character
 * outside `[a-zA-Z0-9_]` (including `:`, reserved for recording rules) become `_`; a leading digit gets
 * a `_` prefix. `stream_mixing/realized_frac/text` → `stream_mixing_realized_frac_text`.
 */
export function prometheusMetricName(key: string): string {
  const name = key.replace(/[^a-zA-Z0-9_]/g, '_');
  return name === '' || /^[0-9]/.test(name) ? `_${name}` : name;
}

function sampleValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(value);
}

function helpText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/**
 * Prometheus text exposition (format 0.0.4) of one reduced step: one `gauge` per key in
 * `keys` order, with `# HELP` giving the original key and the step. Non-finite values print as
 * `NaN`, `+Inf`, `-Inf`. Pure.
 * @throws MetricKeyError when two keys map to the same metric name (e.g. `a/b` and `a_b`).
 */
export function formatPrometheus(result: { keys: readonly string[]; metrics: Readonly<Record<string, number>> }, step: number | null = null): string {
  const byName = new Map<string, string>();
  let text = '';
  for (const key of result.keys) {
    const name = prometheusMetricName(key);
    const other = byName.get(name);
    if (other !== undefined) throw new MetricKeyError(`metric keys "${other}" and "${key}" both map to the Prometheus name "${name}"`, key);
    byName.set(name, key);
    text += `# HELP ${name} ${helpText(key)}${step !== null ? ` (step ${step})` : ''}\n# TYPE ${name} gauge\n${name} ${sampleValue(result.metrics[key]!)}\n`;
  }
  return text;
}
