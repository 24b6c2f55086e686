import { canonicalJson } from '@repro/verdict-core';
import type { EChartsOption } from 'echarts';
import type { VerdictArtefact } from '../report-input/verdict-artefact-schema.js';
import type { ChartPalette } from './chart-palette.js';

const SIDES = ['replay A (fingerprint)', 'canonical run (provenance)'] as const;
const ROW_HEIGHT = 38;
const GRID = { left: 175, right: 20, top: 34, bottom: 10 };
export const PARITY_CHART_WIDTH = 900;
const MAX_LABEL = 44;

/** The chart's height for `dims` dimensions. */
export function parityChartHeight(dims: number): number {
  return GRID.top + GRID.bottom + ROW_HEIGHT * dims;
}

function shown(value: unknown): string {
  if (value === null || value === undefined) return 'not recorded';
  const text = typeof value === 'string' ? value : canonicalJson(value);
  return text.length > MAX_LABEL ? `${text.slice(0, MAX_LABEL - 1)}…` : text;
}

/**
 * P0 side by side: one row per compared dimension, replay A's value beside the canonical run's, each cell
 * coloured by the dimension's state (differs: alarm colour on both sides; missing: the side that lacks it).
 */
export function parityOption(verdict: VerdictArtefact, palette: ChartPalette): EChartsOption {
  const dims = Object.entries(verdict.parity_dims);
  const cellWidth = (PARITY_CHART_WIDTH - GRID.left - GRID.right) / SIDES.length;
  const colour = (state: string, value: unknown) => {
    if (state === 'differs') return palette.parityDiffers;
    if (state === 'missing') return value === null || value === undefined ? palette.parityMissing : palette.parityEqual;
    return palette.parityEqual;
  };
  const data = dims.flatMap(([dim, state], row) =>
    [verdict.audit.replay_fingerprint[dim], verdict.audit.canonical_provenance[dim]].map((value, side) => ({
      value: [side, row],
      name: shown(value),
      itemStyle: { color: colour(state, value) },
    })),
  );
  return {
    textStyle: { color: palette.text, fontFamily: 'system-ui, sans-serif' },
    grid: GRID,
    xAxis: { type: 'category', position: 'top', data: [...SIDES], axisLine: { show: false }, axisTick: { show: false }, axisLabel: { color: palette.text, fontWeight: 'bold' } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: dims.map(([dim, state]) => (state === 'equal' ? dim : `${dim} (${state})`)),
      axisLine: { show: false },
      axisTick: { show: false },
      axisLabel: { color: palette.text },
    },
    series: [
      {
        type: 'scatter',
        symbol: 'rect',
        symbolSize: [cellWidth - 8, ROW_HEIGHT - 6],
        data,
        label: { show: true, color: palette.text, formatter: '{b}', fontFamily: 'ui-monospace, monospace', fontSize: 12 },
      },
    ],
  };
}
