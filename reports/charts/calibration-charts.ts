import type { ChartConfiguration, TooltipItem } from 'chart.js';
import { tt } from '../i18n/trust.ts';
import { candidateColor, chartSlot, type ChartSlot } from './setup.ts';

/** One candidate's reliability bins (summary `calibration.ece_equal_width.reliability`). */
export interface ReliabilitySeries {
  readonly label: string;
  readonly control: boolean;
  readonly colorIndex: number;
  readonly bins: readonly { readonly n: number; readonly meanConfidence: number | null; readonly accuracy: number | null }[];
}

/** One candidate's coverage–accuracy curve (summary `calibration.selective_accuracy.curve`). */
export interface CoverageSeries {
  readonly label: string;
  readonly control: boolean;
  readonly colorIndex: number;
  readonly points: readonly { readonly coverage: number; readonly accuracy: number }[];
}

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

/**
 * Reliability diagram (DeGroot & Fienberg 1983; Guo et al. 2017, fig. 1): accuracy against mean
 * confidence per bin, point area by the bin's answers, beside the diagonal of perfect calibration.
 */
export function reliabilityDiagram(series: readonly ReliabilitySeries[]): ChartSlot {
  const config: ChartConfiguration = {
    type: 'line',
    data: {
      datasets: [
        { label: tt('calibration.perfect'), data: [{ x: 0, y: 0 }, { x: 1, y: 1 }], borderColor: '#5f6368', borderDash: [5, 4], borderWidth: 1.5, pointRadius: 0 },
        ...series.map((item) => {
          const color = candidateColor(item.colorIndex, item.control);
          const filled = item.bins.filter((bin) => bin.n > 0 && bin.meanConfidence !== null && bin.accuracy !== null);
          const largest = Math.max(1, ...filled.map((bin) => bin.n));
          return {
            label: item.control ? `${item.label} (control)` : item.label,
            data: filled.map((bin) => ({ x: bin.meanConfidence!, y: bin.accuracy!, n: bin.n })),
            borderColor: color,
            backgroundColor: color,
            borderWidth: 2,
            borderDash: item.control ? [2, 3] : [],
            pointRadius: filled.map((bin) => 3 + 7 * Math.sqrt(bin.n / largest)),
            tension: 0,
          };
        }),
      ],
    },
    options: {
      parsing: false,
      scales: {
        x: { type: 'linear', min: 0, max: 1, title: { display: true, text: tt('calibration.confidence') } },
        y: { min: 0, max: 1, title: { display: true, text: tt('calibration.accuracy') } },
      },
      plugins: {
        legend: { position: 'bottom' },
        tooltip: {
          callbacks: {
            label: (item: TooltipItem<'line'>) => {
              const point = item.raw as { x: number; y: number; n?: number };
              return tt('calibration.point', { label: item.dataset.label ?? '', confidence: percent(point.x), accuracy: percent(point.y), n: point.n ?? '—' });
            },
          },
        },
      },
    },
  };
  return chartSlot({ title: tt('calibration.reliability'), config, height: 320 });
}

/** Accuracy of the answers kept when only the most confident share is answered (selective prediction). */
export function coverageAccuracyChart(series: readonly CoverageSeries[]): ChartSlot {
  const config: ChartConfiguration = {
    type: 'line',
    data: {
      datasets: series.map((item) => {
        const color = candidateColor(item.colorIndex, item.control);
        return {
          label: item.control ? `${item.label} (control)` : item.label,
          data: item.points.map((point) => ({ x: point.coverage, y: point.accuracy })),
          borderColor: color,
          backgroundColor: color,
          borderWidth: 2,
          borderDash: item.control ? [2, 3] : [],
          pointRadius: 0,
          tension: 0,
        };
      }),
    },
    options: {
      parsing: false,
      scales: {
        x: { type: 'linear', min: 0, max: 1, title: { display: true, text: tt('calibration.coverageAxis') } },
        y: { min: 0, max: 1, title: { display: true, text: tt('calibration.accuracy') } },
      },
      plugins: { legend: { position: 'bottom' } },
    },
  };
  return chartSlot({ title: tt('calibration.coverage'), config, height: 320 });
}
