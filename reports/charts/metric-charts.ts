import type { ChartConfiguration, TooltipItem } from 'chart.js';
import type { MetricValue } from '../../lib/results/index.ts';
import { t } from '../i18n/index.ts';
import { chartScale, formatValue, metricKind } from '../metrics.ts';
import { candidateColor, chartSlot, hatch, type ChartSlot, type RefLine } from './setup.ts';

/** One bar: a candidate's metric. */
export interface BarInput {
  readonly label: string;
  readonly metric: MetricValue | undefined;
  readonly control: boolean;
  readonly colorIndex: number;
}

/**
 * Horizontal bars of one metric per candidate with 95% interval whiskers; controls hatched and
 * labelled "(control)", so they read apart from models without colour.
 */
export function metricBarChart(options: { title: string; metricName: string; bars: readonly BarInput[]; refLines?: RefLine[] }): ChartSlot {
  const kind = metricKind(options.metricName);
  const scale = chartScale(kind);
  const bars = options.bars.filter((bar) => bar.metric && bar.metric.value !== null);
  const colors = bars.map((bar) => candidateColor(bar.colorIndex, bar.control));
  const config: ChartConfiguration = {
    type: 'bar',
    data: {
      labels: bars.map((bar) => (bar.control ? `${bar.label} (${t('common.control')})` : bar.label)),
      datasets: [
        {
          label: options.title,
          data: bars.map((bar) => bar.metric!.value! * scale),
          backgroundColor: bars.map((bar, index) => (bar.control ? hatch(colors[index]!) : colors[index]!)),
          borderColor: colors,
          borderWidth: 1,
          errorBars: bars.map((bar) => (bar.metric!.ci95 ? [bar.metric!.ci95[0] * scale, bar.metric!.ci95[1] * scale] : null)),
        } as never,
      ],
    },
    options: {
      indexAxis: 'y',
      scales: {
        x: { ...(kind === 'rate' && { min: 0 }), ...(fullScale(options.metricName) && { max: 100 }), ...withLines(rangeOf(bars.map((bar) => bar.metric), scale), options.refLines, 'x'), title: { display: true, text: kind === 'rate' ? '%' : kind === 'bias100' ? '×100' : '' } },
      },
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { label: (item: TooltipItem<'bar'>) => tooltipLabel(options.metricName, bars[item.dataIndex]!.metric!) } },
        verdictRefLines: { lines: options.refLines ?? [] },
      } as never,
    },
  };
  return chartSlot({ title: options.title, config, height: Math.max(140, 46 * bars.length + 60) });
}

/** A series of a grouped bar chart: one candidate's values per category. */
export interface GroupedSeries {
  readonly label: string;
  readonly control: boolean;
  readonly colorIndex: number;
  readonly values: readonly (MetricValue | undefined)[];
}

/** Vertical grouped bars (categories × candidates) with interval whiskers. */
export function groupedBarChart(options: {
  title: string;
  metricName: string;
  categories: readonly string[];
  series: readonly GroupedSeries[];
  refLines?: RefLine[];
  scale?: number;
  axisTitle?: string;
  /** Counts: whole-number ticks only. */
  integer?: boolean;
}): ChartSlot {
  const kind = metricKind(options.metricName);
  const scale = options.scale ?? chartScale(kind);
  const config: ChartConfiguration = {
    type: 'bar',
    data: {
      labels: [...options.categories],
      datasets: options.series.map((series) => {
        const color = candidateColor(series.colorIndex, series.control);
        return {
          label: series.control ? `${series.label} (${t('common.control')})` : series.label,
          data: series.values.map((metric) => (metric && metric.value !== null ? metric.value * scale : null)),
          backgroundColor: series.control ? hatch(color) : color,
          borderColor: color,
          borderWidth: 1,
          errorBars: series.values.map((metric) => (metric?.ci95 ? [metric.ci95[0] * scale, metric.ci95[1] * scale] : null)),
        } as never;
      }),
    },
    options: {
      scales: {
        y: { ...(fullScale(options.metricName) && scale === 100 && { min: 0, max: 100 }), ...withLines(rangeOf(options.series.flatMap((series) => series.values), scale), options.refLines, 'y'), ...(options.integer && { ticks: { precision: 0 } }), title: { display: Boolean(options.axisTitle), text: options.axisTitle ?? '' } },
        x: { ticks: { autoSkip: false, maxRotation: 50 } },
      },
      plugins: {
        legend: { position: 'bottom' },
        tooltip: {
          callbacks: {
            label: (item: TooltipItem<'bar'>) => {
              const metric = options.series[item.datasetIndex]!.values[item.dataIndex];
              return `${item.dataset.label}: ${metric ? tooltipLabel(options.metricName, metric) : t('common.none')}`;
            },
          },
        },
        verdictRefLines: { lines: options.refLines ?? [] },
      } as never,
    },
  };
  return chartSlot({ title: options.title, config, height: 300 });
}

function tooltipLabel(name: string, metric: MetricValue): string {
  const kind = metricKind(name);
  const ci = metric.ci95 ? ` [${formatValue(kind, metric.ci95[0])}, ${formatValue(kind, metric.ci95[1])}]` : '';
  return `${formatValue(kind, metric.value)}${ci} n=${metric.n}`;
}

/** Accuracy-like rates read best on the whole 0–100% scale; small rates (leaks, errors) do not. */
function fullScale(name: string): boolean {
  return name === 'accuracy' || name.startsWith('score.') || name.startsWith('accuracy.');
}

/** The range widened to every reference line on that axis, so a gate's threshold is never off the chart. */
function withLines(range: { suggestedMin?: number; suggestedMax?: number }, lines: readonly RefLine[] | undefined, axis: 'x' | 'y'): { suggestedMin?: number; suggestedMax?: number } {
  const values = (lines ?? []).filter((line) => line.axis === axis).map((line) => line.value);
  if (values.length === 0) return range;
  return { suggestedMin: Math.min(range.suggestedMin ?? 0, ...values), suggestedMax: Math.max(range.suggestedMax ?? 0, ...values) };
}

/** Suggested axis range covering every value and interval end, so no whisker is clipped. */
function rangeOf(metrics: readonly (MetricValue | undefined)[], scale: number): { suggestedMin?: number; suggestedMax?: number } {
  let lo = 0;
  let hi = 0;
  for (const metric of metrics) {
    if (!metric || metric.value === null) continue;
    lo = Math.min(lo, metric.value * scale, (metric.ci95?.[0] ?? 0) * scale);
    hi = Math.max(hi, metric.value * scale, (metric.ci95?.[1] ?? 0) * scale);
  }
  return { suggestedMin: lo, suggestedMax: hi };
}
