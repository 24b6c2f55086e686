import { type EChartsOption, init } from 'echarts';
import { escapeHtml } from '../html/escape-html.js';

export interface ChartSize {
  readonly width: number;
  readonly height: number;
}

/**
 * Renders an ECharts option to an SVG string with ECharts' server-side SVG renderer (no DOM, no canvas).
 * ECharts numbers its instances and their style classes process-wide (`zr0-cls-7`, `zr1-…`); those are
 * renumbered per chart and prefixed by `idPrefix` so that the same input always renders the same string and two charts on one
 * page never share a class. The SVG scales with its container (viewBox kept, fixed size dropped) and is
 * labelled for assistive technology.
 */
export function renderChartSvg(option: EChartsOption, size: ChartSize, idPrefix: string, label: string): string {
  const chart = init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption({ animation: false, ...option });
    const classes = new Map<string, number>();
    return chart
      .renderToSVGString()
      .replace(/\bzr\d+-cls-\d+\b/g, (name) => {
        if (!classes.has(name)) classes.set(name, classes.size);
        return `zr-cls-${classes.get(name)}`;
      })
      .replace(/\bzr\d*-/g, `${idPrefix}-`)
      .replace(/^<svg width="\d+" height="\d+"/, `<svg role="img" aria-label="${escapeHtml(label)}" preserveAspectRatio="xMidYMid meet"`);
  } finally {
    chart.dispose();
  }
}

