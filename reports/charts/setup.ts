import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
  type Plugin,
} from 'chart.js';
import { h } from '../dom.ts';
import { t } from '../i18n/index.ts';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip);
Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "PingFang SC", "Microsoft YaHei", sans-serif';
Chart.defaults.color = '#3c4043';
Chart.defaults.animation = false;
Chart.defaults.maintainAspectRatio = false;

/** Okabe–Ito colours: distinguishable with the common colour-vision deficiencies. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#332288', '#882255'];
/** Controls are hatched in muted tones, distinct from each other (a run may hold only controls). */
export const CONTROL_COLORS = ['#80868b', '#9c6b30', '#5c4d8a', '#3f6e6e'];

/** A candidate's colour: models take the palette in order, controls are grey. */
export function candidateColor(index: number, control: boolean): string {
  return control ? CONTROL_COLORS[index % CONTROL_COLORS.length]! : PALETTE[index % PALETTE.length]!;
}

/** Diagonal hatching, so controls differ from models without relying on colour. */
export function hatch(color: string): CanvasPattern | string {
  const tile = document.createElement('canvas');
  tile.width = 8;
  tile.height = 8;
  const context = tile.getContext('2d');
  if (!context) return color;
  context.fillStyle = `${color}33`;
  context.fillRect(0, 0, 8, 8);
  context.strokeStyle = color;
  context.lineWidth = 2;
  context.beginPath();
  context.moveTo(0, 8);
  context.lineTo(8, 0);
  context.moveTo(-2, 2);
  context.lineTo(2, -2);
  context.moveTo(6, 10);
  context.lineTo(10, 6);
  context.stroke();
  return context.createPattern(tile, 'repeat') ?? color;
}

/** A reference line across the plot: p50/p95/p99 markers, the four-fifths line, zero. */
export interface RefLine {
  readonly axis: 'x' | 'y';
  readonly value: number;
  readonly label: string;
  readonly color?: string;
  readonly dash?: readonly number[];
  /** Where the label goes along the line (default: start). */
  readonly align?: 'start' | 'end';
}

/** Draws 95% interval whiskers from `dataset.errorBars` ([lo, hi] per bar, in axis units). */
const errorBarsPlugin: Plugin = {
  id: 'verdictErrorBars',
  afterDatasetsDraw(chart) {
    const { ctx } = chart;
    const horizontal = (chart.options as { indexAxis?: string }).indexAxis === 'y';
    chart.data.datasets.forEach((dataset, datasetIndex) => {
      const bars = (dataset as { errorBars?: (readonly [number, number] | null)[] }).errorBars;
      const meta = chart.getDatasetMeta(datasetIndex);
      if (!bars || meta.hidden) return;
      const valueScale = horizontal ? chart.scales.x : chart.scales.y;
      if (!valueScale) return;
      ctx.save();
      ctx.strokeStyle = '#202124';
      ctx.lineWidth = 1.5;
      meta.data.forEach((element, index) => {
        const bar = bars[index];
        if (!bar) return;
        const { x, y } = element.getProps(['x', 'y'], true) as { x: number; y: number };
        const lo = valueScale.getPixelForValue(bar[0]);
        const hi = valueScale.getPixelForValue(bar[1]);
        const cap = 4;
        ctx.beginPath();
        if (horizontal) {
          ctx.moveTo(lo, y);
          ctx.lineTo(hi, y);
          ctx.moveTo(lo, y - cap);
          ctx.lineTo(lo, y + cap);
          ctx.moveTo(hi, y - cap);
          ctx.lineTo(hi, y + cap);
        } else {
          ctx.moveTo(x, lo);
          ctx.lineTo(x, hi);
          ctx.moveTo(x - cap, lo);
          ctx.lineTo(x + cap, lo);
          ctx.moveTo(x - cap, hi);
          ctx.lineTo(x + cap, hi);
        }
        ctx.stroke();
      });
      ctx.restore();
    });
  },
};

/** Draws `options.plugins.verdictRefLines` (a list of {@link RefLine}). */
const refLinesPlugin: Plugin = {
  id: 'verdictRefLines',
  afterDatasetsDraw(chart, _args, options) {
    const lines = (options as { lines?: readonly RefLine[] }).lines ?? [];
    const { ctx, chartArea } = chart;
    for (const line of lines) {
      const scale = line.axis === 'x' ? chart.scales.x : chart.scales.y;
      if (!scale) continue;
      const pixel = scale.getPixelForValue(line.value);
      if (!Number.isFinite(pixel)) continue;
      ctx.save();
      ctx.strokeStyle = line.color ?? '#202124';
      ctx.fillStyle = line.color ?? '#202124';
      ctx.lineWidth = 1.5;
      ctx.setLineDash([...(line.dash ?? [5, 4])]);
      ctx.beginPath();
      if (line.axis === 'x') {
        ctx.moveTo(pixel, chartArea.top);
        ctx.lineTo(pixel, chartArea.bottom);
      } else {
        ctx.moveTo(chartArea.left, pixel);
        ctx.lineTo(chartArea.right, pixel);
      }
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.font = '11px system-ui, sans-serif';
      const width = ctx.measureText(line.label).width;
      const x = line.axis === 'x' ? Math.min(pixel + 3, chartArea.right - width - 2) : line.align === 'end' ? chartArea.right - width - 4 : chartArea.left + 4;
      const y = line.axis === 'x' ? chartArea.top + 11 : pixel - 4;
      // A white backing keeps the label readable over bars.
      ctx.fillStyle = 'rgba(255, 255, 255, 0.85)';
      ctx.fillRect(x - 2, y - 10, width + 4, 13);
      ctx.fillStyle = line.color ?? '#202124';
      ctx.fillText(line.label, x, y);
      ctx.restore();
    }
  },
};

Chart.register(errorBarsPlugin, refLinesPlugin);

const live = new Set<Chart>();

/** Destroys every chart (on route change), so no canvas or listener outlives its view. */
export function destroyCharts(): void {
  for (const chart of live) chart.destroy();
  live.clear();
}

/** A chart slot: a labelled figure whose canvas is filled by {@link mountChart} once in the DOM. */
export interface ChartSlot {
  readonly element: HTMLElement;
  mount(): void;
}

/**
 * A figure with a canvas (role img, described) and a caption; the chart is created when
 * `mount()` is called after the figure is in the document (Chart.js sizes from the parent).
 */
export function chartSlot(options: { title: string; config: ChartConfiguration; height?: number; note?: string }): ChartSlot {
  const canvas = h('canvas', { role: 'img', 'aria-label': t('common.chartOf', { title: options.title }) });
  const box = h('div', { class: 'chart-box' }, canvas);
  // CSSOM, not a style attribute: the CSP (no 'unsafe-inline') allows the former only.
  box.style.height = `${options.height ?? 260}px`;
  const element = h('figure', { class: 'chart' }, h('figcaption', null, options.title), box, options.note ? h('p', { class: 'note' }, options.note) : null);
  return {
    element,
    mount() {
      live.add(new Chart(canvas, options.config));
    },
  };
}
