import type { ChartConfiguration, TooltipItem } from 'chart.js';
import type { DistributionDigest } from '../../lib/report/report-data.ts';
import { t } from '../i18n/index.ts';
import { candidateColor, chartSlot, type ChartSlot } from './setup.ts';

/** One candidate's distribution. */
export interface DistributionSeries {
  readonly label: string;
  readonly control: boolean;
  readonly colorIndex: number;
  readonly digest: DistributionDigest;
}

const MARKED = new Set([50, 95, 99]);

/** Histogram as the share of each candidate's requests per bin (shared bins, so bars line up). */
export function latencyHistogram(title: string, series: readonly DistributionSeries[]): ChartSlot {
  const edges = series[0]!.digest.edges;
  const labels = edges.slice(0, -1).map((edge, index) => `${Math.round(edge)}–${Math.round(edges[index + 1]!)}`);
  const overflow = series.reduce((sum, item) => sum + item.digest.overflow, 0);
  const config: ChartConfiguration = {
    type: 'bar',
    data: {
      labels,
      datasets: series.map((item) => {
        const color = candidateColor(item.colorIndex, item.control);
        return {
          label: item.label,
          data: item.digest.counts.map((count) => (count / item.digest.n) * 100),
          backgroundColor: `${color}b3`,
          borderColor: color,
          borderWidth: 1,
          categoryPercentage: 1,
          barPercentage: series.length > 1 ? 0.9 : 1,
        };
      }),
    },
    options: {
      scales: {
        x: { title: { display: true, text: 'ms' }, ticks: { maxRotation: 50 } },
        y: { title: { display: true, text: '%' }, beginAtZero: true },
      },
      plugins: { legend: { position: 'bottom' } },
    },
  };
  return chartSlot({ title, config, height: 280, note: overflow > 0 ? t('overview.overflow', { count: overflow }) : undefined });
}

/** Cumulative distribution from the 101 percentiles, with p50/p95/p99 marked on each curve. */
export function latencyCdf(title: string, series: readonly DistributionSeries[]): ChartSlot {
  const config: ChartConfiguration = {
    type: 'line',
    data: {
      datasets: series.map((item) => {
        const color = candidateColor(item.colorIndex, item.control);
        return {
          label: item.label,
          data: item.digest.quantiles.map((x, p) => ({ x, y: p })),
          borderColor: color,
          backgroundColor: color,
          borderWidth: 2,
          pointRadius: item.digest.quantiles.map((_, p) => (MARKED.has(p) ? 4 : 0)),
          pointHoverRadius: 4,
          tension: 0,
        };
      }),
    },
    options: {
      parsing: false,
      scales: {
        x: { type: 'linear', title: { display: true, text: 'ms' } },
        y: { min: 0, max: 100, title: { display: true, text: '%' } },
      },
      plugins: {
        legend: { position: 'bottom' },
        tooltip: { callbacks: { label: (item: TooltipItem<'line'>) => `${item.dataset.label}: p${item.parsed.y} = ${Math.round(item.parsed.x ?? 0)} ms` } },
        verdictRefLines: {
          lines: [
            { axis: 'y', value: 50, label: 'p50', color: '#5f6368' },
            { axis: 'y', value: 95, label: 'p95', color: '#5f6368' },
            { axis: 'y', value: 99, label: 'p99', color: '#5f6368', align: 'end' },
          ],
        },
      } as never,
    },
  };
  return chartSlot({ title, config, height: 280 });
}
