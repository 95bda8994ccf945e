import type { ReportRun } from '../../lib/report/report-data.ts';
import { coverageAccuracyChart, reliabilityDiagram, type CoverageSeries, type ReliabilitySeries } from '../charts/calibration-charts.ts';
import { ofKind } from '../../lib/results/metric-access.ts';
import type { ChartSlot } from '../charts/setup.ts';
import { h } from '../dom.ts';
import { tt } from '../i18n/trust.ts';
import { colorIndexOf, section, splitCandidates } from './common.ts';

/**
 * The overview's calibration section: the reliability diagram and the coverage–accuracy curve of
 * every candidate with `calibration.*` metrics; null when no candidate has them.
 */
export function calibrationSection(run: ReportRun, slots: ChartSlot[]): HTMLElement | null {
  const summary = run.summary;
  if (!summary) return null;
  const { models, controls } = splitCandidates(run);
  const reliability: ReliabilitySeries[] = [];
  const coverage: CoverageSeries[] = [];
  for (const id of [...models, ...controls]) {
    const metrics = summary.candidates[id]?.metrics;
    const bins = ofKind(metrics?.['calibration.ece_equal_width'], 'calibration')?.reliability;
    const curve = ofKind(metrics?.['calibration.selective_accuracy'], 'calibration')?.curve;
    const base = { label: id, control: controls.includes(id), colorIndex: colorIndexOf(run, id) };
    if (Array.isArray(bins)) reliability.push({ ...base, bins });
    if (Array.isArray(curve)) coverage.push({ ...base, points: curve });
  }
  if (reliability.length === 0) return null;
  const charts = [reliabilityDiagram(reliability), ...(coverage.length > 0 ? [coverageAccuracyChart(coverage)] : [])];
  slots.push(...charts);
  return section({ id: 'calibration', title: tt('calibration.heading'), intro: tt('calibration.intro') }, h('div', { class: 'chart-grid' }, charts.map((chart) => chart.element)));
}
