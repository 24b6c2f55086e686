import type { EChartsOption, LineSeriesOption } from 'echarts';
import { chartNumber } from '../html/format-report-number.js';
import type { EnvelopeSamples } from '../report-input/envelope-samples-schema.js';
import type { VerdictArtefact } from '../report-input/verdict-artefact-schema.js';
import type { ChartPalette } from './chart-palette.js';
import { recordedNumber } from './recorded-number.js';

/** The rows of the metric-axis chart, top to bottom. */
export const METRIC_AXIS_ROWS = {
  samples: 'production runs',
  replayA: 'replay A',
  replayB: 'replay B',
  canonical: 'canonical',
  epsProd: 'canonical ± eps_prod',
  epsNum: 'canonical ± eps_num',
} as const;

/** Whether the metric axis has anything to plot (a finite replay value, the canonical, or a sample). */
export function metricAxisHasData(verdict: VerdictArtefact, envelope: EnvelopeSamples | undefined): boolean {
  return axisValues(verdict, envelope).length > 0;
}

function axisValues(verdict: VerdictArtefact, envelope: EnvelopeSamples | undefined): number[] {
  const canonical = verdict.audit.canonical_value;
  const values = [recordedNumber(verdict.audit.replay_a), recordedNumber(verdict.audit.replay_b), canonical, ...(envelope?.samples ?? [])];
  if (canonical !== null && verdict.eps_prod !== null) values.push(canonical - verdict.eps_prod, canonical + verdict.eps_prod);
  return values.filter((v): v is number => v !== null && Number.isFinite(v));
}

/**
 * The metric's axis: replay A, replay B, the canonical, the eps_prod and eps_num bands around the canonical
 * (each on its own row and as a vertical band), and the production runs eps_prod was measured from.
 */
export function metricAxisOption(verdict: VerdictArtefact, envelope: EnvelopeSamples | undefined, palette: ChartPalette): EChartsOption {
  const a = recordedNumber(verdict.audit.replay_a);
  const b = recordedNumber(verdict.audit.replay_b);
  const canonical = verdict.audit.canonical_value;
  const samples = (envelope?.samples ?? []).filter(Number.isFinite);
  const rows: string[] = [];
  if (samples.length > 0) rows.push(METRIC_AXIS_ROWS.samples);
  const rowA = a === null ? `${METRIC_AXIS_ROWS.replayA} (no value)` : METRIC_AXIS_ROWS.replayA;
  const rowB = b === null ? `${METRIC_AXIS_ROWS.replayB} (no value)` : METRIC_AXIS_ROWS.replayB;
  const rowCanonical = canonical === null ? `${METRIC_AXIS_ROWS.canonical} (none stored)` : METRIC_AXIS_ROWS.canonical;
  rows.push(rowA, rowB, rowCanonical);
  if (canonical !== null && verdict.eps_prod !== null) rows.push(METRIC_AXIS_ROWS.epsProd);
  if (canonical !== null) rows.push(METRIC_AXIS_ROWS.epsNum);

  const values = axisValues(verdict, envelope);
  const low = Math.min(...values);
  const high = Math.max(...values);
  const pad = high > low ? (high - low) * 0.12 : Math.max(Math.abs(low) * 1e-3, 1e-9);
  const label = { show: true, position: 'top' as const, color: palette.text, formatter: (p: { value: unknown }) => chartNumber((p.value as [number, string])[0]) };
  const point = (name: string, value: number | null, row: string, color: string, symbol: string) => ({
    name,
    type: 'scatter' as const,
    symbol,
    symbolSize: 14,
    itemStyle: { color },
    label,
    data: value === null ? [] : [[value, row]],
  });
  const band = (name: string, eps: number, row: string, color: string): LineSeriesOption => ({
    name,
    type: 'line' as const,
    symbol: 'rect',
    symbolSize: [3, 16],
    lineStyle: { color, width: 10, opacity: 0.55 },
    itemStyle: { color },
    label: { show: true, position: 'right' as const, color: palette.text, formatter: (p: { dataIndex: number }) => (p.dataIndex === 1 ? `± ${chartNumber(eps)}` : '') },
    data: [
      [canonical! - eps, row],
      [canonical! + eps, row],
    ],
    markArea: { silent: true, itemStyle: { color, opacity: 0.1 }, data: [[{ xAxis: canonical! - eps }, { xAxis: canonical! + eps }]] },
  });

  const series: NonNullable<EChartsOption['series']> = [];
  if (samples.length > 0) {
    series.push({ name: 'production runs', type: 'scatter', symbol: 'circle', symbolSize: 9, itemStyle: { color: palette.samples, opacity: 0.7 }, data: samples.map((s) => [s, METRIC_AXIS_ROWS.samples]) });
  }
  series.push(point('replay A', a, rowA, palette.replayA, 'circle'));
  series.push(point('replay B', b, rowB, palette.replayB, 'diamond'));
  series.push(point('canonical', canonical, rowCanonical, palette.canonical, 'triangle'));
  if (canonical !== null && verdict.eps_prod !== null) series.push(band('eps_prod', verdict.eps_prod, METRIC_AXIS_ROWS.epsProd, palette.epsProd));
  if (canonical !== null) series.push(band('eps_num', verdict.eps_num, METRIC_AXIS_ROWS.epsNum, palette.epsNum));

  return {
    textStyle: { color: palette.text, fontFamily: 'system-ui, sans-serif' },
    grid: { left: 150, right: 80, top: 24, bottom: 40 },
    xAxis: {
      type: 'value',
      name: verdict.metric,
      nameLocation: 'middle',
      nameGap: 26,
      nameTextStyle: { color: palette.axis },
      min: low - pad,
      max: high + pad,
      axisLine: { lineStyle: { color: palette.axis } },
      axisLabel: { color: palette.axis, formatter: (v: number) => chartNumber(v), hideOverlap: true, showMinLabel: false, showMaxLabel: false },
      splitLine: { lineStyle: { color: palette.grid } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows,
      axisLine: { lineStyle: { color: palette.axis } },
      axisLabel: { color: palette.text },
      axisTick: { show: false },
    },
    series,
  };
}
