import type { ReportRun } from '../../lib/report/report-data.ts';
import { h } from '../dom.ts';
import { t } from '../i18n/index.ts';
import { formatP, metricKind, metricLabel, type MetricKind } from '../metrics.ts';
import { csvButton, table } from './common.ts';

/** A comparison entry as other branches write it: a, b, metric, diff, ci95, test, pValue, counts (all optional here). */
export interface ComparisonEntry {
  readonly a?: string;
  readonly b?: string;
  readonly metric?: string;
  readonly diff?: number | null;
  readonly ci95?: readonly [number, number];
  readonly test?: string;
  readonly pValue?: number | null;
  readonly counts?: Record<string, unknown>;
  readonly [key: string]: unknown;
}

const KNOWN = new Set(['a', 'b', 'metric', 'diff', 'ci95', 'test', 'pValue', 'counts']);

/** The run's recorded comparisons, whatever fields they carry. */
export function comparisonsOf(run: ReportRun): ComparisonEntry[] {
  return ((run.summary?.comparisons ?? []) as ComparisonEntry[]).filter((entry) => entry && typeof entry === 'object');
}

/** A difference in the metric's unit: percentage points for rates. */
export function formatDelta(kind: MetricKind, diff: number | null | undefined): string {
  if (diff === null || diff === undefined || !Number.isFinite(diff)) return t('common.none');
  const sign = diff > 0 ? '+' : diff < 0 ? '−' : '±';
  const abs = Math.abs(diff);
  if (kind === 'rate') return `${sign}${(abs * 100).toFixed(1)} pp`;
  if (kind === 'bias100') return `${sign}${(abs * 100).toFixed(1)}`;
  if (kind === 'ms') return `${sign}${abs.toFixed(abs < 10 ? 1 : 0)} ms`;
  return `${sign}${Number(abs.toPrecision(4))}`;
}

export function formatDeltaInterval(kind: MetricKind, ci: readonly [number, number] | undefined): string {
  if (!ci) return t('common.none');
  return `[${formatDelta(kind, ci[0])}, ${formatDelta(kind, ci[1])}]`;
}

/** Significance in words from a p-value (α = 0.05, or the entry's own `significant` flag). */
export function significanceWord(entry: ComparisonEntry): string {
  const flag = typeof entry.significant === 'boolean' ? entry.significant : typeof entry.pValue === 'number' ? entry.pValue < 0.05 : null;
  if (flag === null) return '';
  return flag ? t('compare.significant') : t('compare.notSignificant');
}

/** Every recorded comparison in one table, with extra fields shown as key=value. */
export function comparisonsTable(run: ReportRun): HTMLElement {
  const entries = comparisonsOf(run);
  if (entries.length === 0) return h('p', { class: 'empty' }, t('compare.none'));
  const rows = entries.map((entry) => {
    const kind = metricKind(entry.metric ?? '');
    const extra = Object.entries(entry)
      .filter(([key]) => !KNOWN.has(key))
      .map(([key, value]) => `${key}=${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
      .join(' ');
    return [
      `${entry.a ?? '?'} → ${entry.b ?? '?'}`,
      entry.metric ? metricLabel(entry.metric) : t('common.none'),
      h('span', { class: 'num' }, formatDelta(kind, entry.diff)),
      h('span', { class: 'num' }, formatDeltaInterval(kind, entry.ci95)),
      h('span', { class: 'num' }, formatP(entry.pValue), ' ', h('span', { class: 'muted' }, significanceWord(entry))),
      entry.test ?? t('common.none'),
      h('span', { class: 'small' }, entry.counts ? JSON.stringify(entry.counts) : '', extra ? ` ${extra}` : ''),
    ];
  });
  const csvRows = () => [
    ['a', 'b', 'metric', 'diff', 'ci95_low', 'ci95_high', 'p_value', 'test', 'counts'],
    ...entries.map((entry) => [entry.a, entry.b, entry.metric, entry.diff, entry.ci95?.[0], entry.ci95?.[1], entry.pValue, entry.test, entry.counts ? JSON.stringify(entry.counts) : '']),
  ];
  return h(
    'div',
    { class: 'comparisons' },
    h('div', { class: 'card-actions' }, csvButton(`${run.runId}-comparisons.csv`, csvRows)),
    table({ caption: t('compare.summaryHeading'), head: ['A → B', t('overview.metric'), t('compare.delta'), t('compare.ci'), t('compare.p'), t('compare.test'), ''], rows, id: 'comparisons-table' }),
  );
}
