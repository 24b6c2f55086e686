import type { EChartsOption } from 'echarts';
import { chartNumber } from '../html/format-report-number.js';
import type { Localization } from '../report-input/localization-schema.js';
import type { ChartPalette } from './chart-palette.js';

/** `localize`'s factors as a ranked bar chart of max_delta (largest on top); factors that moved the metric stand out. */
export function localizationOption(localization: Localization, palette: ChartPalette): EChartsOption {
  const ranked = [...localization.factors].sort((x, y) => y.max_delta - x.max_delta);
  return {
    textStyle: { color: palette.text, fontFamily: 'system-ui, sans-serif' },
    grid: { left: 200, right: 110, top: 10, bottom: 40 },
    xAxis: {
      type: 'value',
      name: 'max |value − baseline|',
      nameLocation: 'middle',
      nameGap: 26,
      nameTextStyle: { color: palette.axis },
      axisLine: { lineStyle: { color: palette.axis } },
      axisLabel: { color: palette.axis, formatter: (v: number) => chartNumber(v), hideOverlap: true },
      splitLine: { lineStyle: { color: palette.grid } },
    },
    yAxis: { type: 'category', inverse: true, data: ranked.map((f) => f.label), axisLabel: { color: palette.text }, axisLine: { lineStyle: { color: palette.axis } } },
    series: [
      {
        name: 'max_delta',
        type: 'bar',
        barMaxWidth: 22,
        data: ranked.map((f) => ({ value: f.max_delta, itemStyle: { color: f.moved ? palette.moved : palette.unmoved } })),
        label: {
          show: true,
          position: 'right',
          color: palette.text,
          formatter: (p: { dataIndex: number }) => {
            const factor = ranked[p.dataIndex]!;
            return factor.error !== undefined ? 'error' : `${chartNumber(factor.max_delta)}${factor.moved ? ' moved' : ''}`;
          },
        },
      },
    ],
  };
}
