import type { VerdictName } from '@repro/verdict-core';
import type { EChartsOption } from 'echarts';
import { chartNumber } from '../html/format-report-number.js';
import type { CanonicalHistoryEntry } from '../report-input/cell-history-schema.js';
import type { VerdictArtefact } from '../report-input/verdict-artefact-schema.js';
import type { ChartPalette } from './chart-palette.js';
import { recordedNumber } from './recorded-number.js';

export const VERDICT_NAMES: readonly VerdictName[] = ['FIDELITY_OK', 'NON_DETERMINISTIC', 'CANONICAL_DIVERGENCE', 'INCONCLUSIVE_TOOLING'];

/** A moment the cell's context changed: a canonical promotion or a new production image. */
export interface HistoryMarker {
  readonly kind: 'promotion' | 'image_change';
  readonly at: string;
  readonly label: string;
}

/**
 * The markers of a cell's timeline, oldest first: each canonical promotion, and each verdict whose
 * eps_prod image differs from the previous verdict's (the first verdict's image is not a change).
 */
export function historyMarkers(canonicalHistory: readonly CanonicalHistoryEntry[], verdictsOldestFirst: readonly VerdictArtefact[]): HistoryMarker[] {
  const markers: HistoryMarker[] = canonicalHistory.map((c) => ({ kind: 'promotion', at: c.promoted_at, label: c.run_id }));
  let previous: string | null | undefined;
  for (const v of verdictsOldestFirst) {
    if (previous !== undefined && v.eps_prod_image_sha !== previous) markers.push({ kind: 'image_change', at: v.decided_at, label: `image ${shortSha(v.eps_prod_image_sha)}` });
    previous = v.eps_prod_image_sha;
  }
  return markers.sort((x, y) => Date.parse(x.at) - Date.parse(y.at));
}

function shortSha(sha: string | null): string {
  if (sha === null) return '(none)';
  const hex = sha.replace(/^sha256:/, '');
  return hex.length > 12 ? hex.slice(0, 12) : hex;
}

/**
 * The cell over time: replay A's metric per verdict, coloured by verdict; the canonical value as a step
 * line; a vertical marker at each canonical promotion and each production-image change.
 */
export function historyOption(
  metric: string,
  canonicalHistory: readonly CanonicalHistoryEntry[],
  verdictsOldestFirst: readonly VerdictArtefact[],
  palette: ChartPalette,
): EChartsOption {
  const times = [...verdictsOldestFirst.map((v) => Date.parse(v.decided_at)), ...canonicalHistory.map((c) => Date.parse(c.promoted_at))];
  const end = Math.max(...times);
  const canonicalSteps = [...canonicalHistory]
    .sort((x, y) => Date.parse(x.promoted_at) - Date.parse(y.promoted_at))
    .flatMap((c) => [
      [Date.parse(c.promoted_at), c.value],
      [c.demoted_at === null ? end : Date.parse(c.demoted_at), c.value],
    ]);
  const markers = historyMarkers(canonicalHistory, verdictsOldestFirst);
  const markLine = (kind: HistoryMarker['kind'], color: string) => ({
    silent: true,
    symbol: 'none',
    lineStyle: { color, type: kind === 'promotion' ? ('solid' as const) : ('dashed' as const), width: 1.5 },
    label: { show: true, color, formatter: '{b}', position: 'end' as const, fontSize: 11 },
    data: markers.filter((m) => m.kind === kind).map((m) => ({ name: m.label, xAxis: Date.parse(m.at) })),
  });

  return {
    textStyle: { color: palette.text, fontFamily: 'system-ui, sans-serif' },
    legend: { top: 0, left: 'center', textStyle: { color: palette.text }, itemGap: 14 },
    grid: { left: 80, right: 60, top: 76, bottom: 40 },
    xAxis: {
      type: 'time',
      axisLine: { lineStyle: { color: palette.axis } },
      axisLabel: { color: palette.axis, hideOverlap: true, formatter: '{MMM} {d}' },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      name: metric,
      scale: true,
      nameTextStyle: { color: palette.axis },
      axisLabel: { color: palette.axis, formatter: (v: number) => chartNumber(v) },
      splitLine: { lineStyle: { color: palette.grid } },
    },
    series: [
      ...VERDICT_NAMES.map((name) => ({
        name,
        type: 'scatter' as const,
        symbolSize: 11,
        itemStyle: { color: palette.verdict[name] },
        data: verdictsOldestFirst.filter((v) => v.verdict === name && recordedNumber(v.audit.replay_a) !== null).map((v) => [Date.parse(v.decided_at), recordedNumber(v.audit.replay_a)]),
      })),
      {
        name: 'canonical',
        type: 'line' as const,
        step: 'end' as const,
        showSymbol: false,
        lineStyle: { color: palette.canonical, width: 2 },
        itemStyle: { color: palette.canonical },
        data: canonicalSteps,
        markLine: markLine('promotion', palette.promotion),
      },
      {
        name: 'image change',
        type: 'line' as const,
        showSymbol: false,
        itemStyle: { color: palette.imageChange },
        lineStyle: { color: palette.imageChange, type: 'dashed' as const },
        data: [],
        markLine: markLine('image_change', palette.imageChange),
      },
    ],
  };
}
