import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { html, raw, type Html } from './html.ts';

/**
 * Charts rendered on the server: echarts in SSR mode to an SVG string, no
 * animation, no script in the browser. echarts escapes the text it writes
 * (agency names come from reports); ids inside each SVG get a prefix of their
 * own so that several charts can share a page.
 */

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TitleComponent, SVGRenderer]);

export const PALETTE = ['#2f6fb5', '#5fa8d3', '#e3a43a', '#d0573f', '#8a6bbf', '#8d9aa5'];
const FONT = 'Noto Sans CJK SC, Noto Sans SC, sans-serif';
const TEXT = '#333';

let serial = 0;

function render(option: Record<string, unknown>, width: number, height: number, label: string): Html {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, color: PALETTE, textStyle: { fontFamily: FONT, color: TEXT }, ...option });
    const prefix = `c${++serial}-`;
    const svg = chart
      .renderToSVGString()
      .replace(/\bid="([^"]+)"/g, (_m, id: string) => `id="${prefix}${id}"`)
      .replace(/url\(#([^)]+)\)/g, (_m, id: string) => `url(#${prefix}${id})`)
      .replace(/href="#([^"]+)"/g, (_m, id: string) => `href="#${prefix}${id}"`);
    return html`<figure class="chart" role="img" aria-label="${label}">${raw(svg)}</figure>`;
  } finally {
    chart.dispose();
  }
}

const shorten = (s: string, n = 14) => ([...s].length > n ? `${[...s].slice(0, n - 1).join('')}…` : s);

export interface Bar {
  label: string;
  value: number | null;
}

/** Horizontal bars, first item on top (the caller orders them); null values are left out of the chart. */
export function rankingChart(items: readonly Bar[], options: { percent?: boolean; width?: number; label: string; color?: string }): Html {
  const shown = items.filter((i) => i.value !== null).slice(0, 30);
  const width = options.width ?? 560;
  if (!shown.length) return html`<p class="muted chart-empty">没有可以计算的数据。</p>`;
  const height = 56 + shown.length * 28;
  const values = shown.map((i) => (options.percent ? Math.round(i.value! * 1000) / 10 : i.value));
  return render(
    {
      grid: { left: 8, right: 56, top: 12, bottom: 28, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      xAxis: { type: 'value', max: options.percent ? 100 : undefined, axisLabel: { formatter: options.percent ? '{value}%' : '{value}', color: '#666' }, splitLine: { lineStyle: { color: '#e8e8e8' } } },
      yAxis: { type: 'category', inverse: true, data: shown.map((i) => shorten(i.label)), axisLabel: { color: TEXT, fontSize: 12 }, axisTick: { show: false } },
      series: [{
        type: 'bar', data: values, barMaxWidth: 18, itemStyle: { color: options.color ?? PALETTE[0], borderRadius: [0, 3, 3, 0] },
        label: { show: true, position: 'right', color: TEXT, formatter: options.percent ? '{c}%' : '{c}' },
      }],
    },
    width, height, options.label,
  );
}

/** The region's results distribution as a ring, each part labelled with its count and share. */
export function distributionChart(parts: readonly Bar[], options: { label: string; width?: number }): Html {
  const shown = parts.filter((p) => p.value !== null && p.value > 0);
  if (!shown.length) return html`<p class="muted chart-empty">没有办理结果数据（或全部为 0）。</p>`;
  return render(
    {
      series: [{
        type: 'pie', percentPrecision: 1, radius: ['36%', '62%'], center: ['50%', '52%'], avoidLabelOverlap: true,
        label: { formatter: '{b}\n{c} 件 · {d}%', fontSize: 12, color: TEXT, lineHeight: 16 }, labelLine: { length: 10, length2: 10 },
        data: shown.map((p) => ({ name: p.label, value: p.value })),
      }],
    },
    options.width ?? 480, 300, options.label,
  );
}

/** Per agency, the results distribution as stacked horizontal bars (counts). */
export function stackedChart(rows: readonly { label: string; parts: (number | null)[] }[], categories: readonly string[], options: { label: string; width?: number }): Html {
  const shown = rows.filter((r) => r.parts.some((v) => v !== null && v > 0)).slice(0, 30);
  if (!shown.length) return html`<p class="muted chart-empty">没有办理结果数据。</p>`;
  return render(
    {
      legend: { top: 0, itemWidth: 12, itemHeight: 12, textStyle: { fontSize: 12 } },
      grid: { left: 8, right: 24, top: 36, bottom: 24, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      xAxis: { type: 'value', axisLabel: { color: '#666' }, splitLine: { lineStyle: { color: '#e8e8e8' } } },
      yAxis: { type: 'category', inverse: true, data: shown.map((r) => shorten(r.label)), axisTick: { show: false }, axisLabel: { color: TEXT } },
      series: categories.map((name, k) => ({ type: 'bar', name, stack: 'all', barMaxWidth: 18, data: shown.map((r) => r.parts[k] ?? 0) })),
    },
    options.width ?? 560, 72 + shown.length * 28, options.label,
  );
}

/** Counts year by year as grouped bars. */
export function countsByYear(years: readonly number[], series: readonly { name: string; values: (number | null)[] }[], options: { label: string; width?: number }): Html {
  if (!years.length) return html`<p class="muted chart-empty">没有数据。</p>`;
  return render(
    {
      legend: { top: 0, itemWidth: 12, itemHeight: 12, textStyle: { fontSize: 12 } },
      grid: { left: 8, right: 16, top: 36, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      xAxis: { type: 'category', data: years.map((y) => `${y} 年度`), axisLabel: { color: TEXT } },
      yAxis: { type: 'value', name: '件', nameTextStyle: { color: '#666' }, axisLabel: { color: '#666' }, splitLine: { lineStyle: { color: '#e8e8e8' } } },
      series: series.map((s) => ({ type: 'bar', name: s.name, barMaxWidth: 32, data: s.values, label: { show: true, position: 'top', color: TEXT, fontSize: 11 } })),
    },
    options.width ?? 480, 280, options.label,
  );
}

/** Rates year by year as lines, in percent (0–100); a year whose rate cannot be computed leaves a gap. */
export function ratesByYear(years: readonly number[], series: readonly { name: string; values: (number | null)[] }[], options: { label: string; width?: number }): Html {
  if (!years.length) return html`<p class="muted chart-empty">没有数据。</p>`;
  return render(
    {
      color: [PALETTE[1], PALETTE[3]],
      legend: { top: 0, itemWidth: 12, itemHeight: 12, textStyle: { fontSize: 12 } },
      grid: { left: 8, right: 24, top: 36, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      xAxis: { type: 'category', data: years.map((y) => `${y} 年度`), boundaryGap: true, axisLabel: { color: TEXT } },
      yAxis: { type: 'value', min: 0, max: (v: { max: number }) => Math.min(100, Math.max(10, Math.ceil((v.max * 1.25) / 10) * 10)), axisLabel: { color: '#666', formatter: '{value}%' }, splitLine: { lineStyle: { color: '#e8e8e8' } } },
      series: series.map((s, k) => ({
        type: 'line', name: s.name, symbolSize: 7, connectNulls: false,
        data: s.values.map((v) => (v === null ? null : Math.round(v * 1000) / 10)),
        label: { show: true, position: k % 2 ? 'top' : 'bottom', formatter: '{c}%', fontSize: 11 },
      })),
    },
    options.width ?? 480, 280, options.label,
  );
}
