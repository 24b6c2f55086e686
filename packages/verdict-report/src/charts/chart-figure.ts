import type { EChartsOption } from 'echarts';
import { escapeHtml } from '../html/escape-html.js';
import { type ChartPalette, PALETTES } from './chart-palette.js';
import { type ChartSize, renderChartSvg } from './render-chart-svg.js';

export interface ChartFigure {
  /** Stable id of the figure, also the prefix of its SVG classes. */
  readonly id: string;
  readonly caption: string;
  readonly size: ChartSize;
  readonly option: (palette: ChartPalette) => EChartsOption;
}

/**
 * A `<figure>` holding the chart rendered twice, with the light and the dark palette; the page's CSS shows
 * the one that matches `prefers-color-scheme` (and the light one when printed).
 */
export function renderChartFigure(figure: ChartFigure): string {
  const renderings = PALETTES.map(
    (palette) =>
      `<div class="chart chart-${palette.name}" data-palette="${palette.name}">${renderChartSvg(figure.option(palette), figure.size, `${figure.id}-${palette.name}`, figure.caption)}</div>`,
  );
  return `<figure class="plot" id="${escapeHtml(figure.id)}">${renderings.join('')}<figcaption>${escapeHtml(figure.caption)}</figcaption></figure>`;
}
