import type { ReportRun } from '../../lib/report/report-data.ts';
import type { Comparison } from '../../lib/results/index.ts';
import { h } from '../dom.ts';
import { t } from '../i18n/index.ts';
import { formatP, formatValue, metricKind, metricLabel, type MetricKind } from '../metrics.ts';
import { csvButton, table } from './common.ts';

/**
 * A paired comparison as summary.json records it (lib/results/comparison.ts): `diff` is b − a over
 * `n` paired samples, `pAdjusted` is Holm-adjusted across the run's comparisons and `significant`
 * means pAdjusted < 0.05.
 */
export type ComparisonEntry = Comparison;

/** The run's recorded comparisons. */
export function comparisonsOf(run: ReportRun): ComparisonEntry[] {
  return (run.summary?.comparisons ?? []).filter((entry) => entry && typeof entry === 'object');
}

/** A difference in the metric's unit: percentage points for rates. */
export function formatDelta(kind: MetricKind, diff: number | null | undefined): string {
  if (diff === null || diff === undefined || !Number.isFinite(diff)) return t('common.none');
  const sign = diff > 0 ? '+' : diff < 0 ? '−' : '±';
  const abs = Math.abs(diff);
  if (kind === 'rate' || kind === 'pp') return `${sign}${(abs * 100).toFixed(1)} pp`;
  if (kind === 'bias100') return `${sign}${(abs * 100).toFixed(1)}`;
  if (kind === 'ms') return `${sign}${abs.toFixed(abs < 10 ? 1 : 0)} ms`;
  return `${sign}${Number(abs.toPrecision(4))}`;
}

export function formatDeltaInterval(kind: MetricKind, ci: readonly [number, number] | undefined): string {
  if (!ci) return t('common.none');
  return `[${formatDelta(kind, ci[0])}, ${formatDelta(kind, ci[1])}]`;
}

/** Significance in words: the entry's own `significant` flag (Holm-adjusted p < 0.05). */
export function significanceWord(entry: Pick<ComparisonEntry, 'significant'>): string {
  return entry.significant ? t('compare.significant') : t('compare.notSignificant');
}

/** The paired 2×2 counts (pass/fail) or the higher/lower/tie counts (continuous), in words. */
export function countsText(counts: ComparisonEntry['counts']): string {
  return 'onlyA' in counts ? t('compare.countsBinary', { ...counts }) : t('compare.countsContinuous', { ...counts });
}

/** A recorded comparison read the other way round (B ↔ A): the difference and counts flip sides. */
export function reverseComparison(entry: ComparisonEntry): ComparisonEntry {
  const counts = 'onlyA' in entry.counts ? { ...entry.counts, onlyA: entry.counts.onlyB, onlyB: entry.counts.onlyA } : { ...entry.counts, aHigher: entry.counts.bHigher, bHigher: entry.counts.aHigher };
  return {
    ...entry,
    a: entry.b,
    b: entry.a,
    valueA: entry.valueB,
    valueB: entry.valueA,
    diff: entry.diff === null ? null : -entry.diff,
    ...(entry.ci95 && { ci95: [-entry.ci95[1], -entry.ci95[0]] as [number, number] }),
    counts,
  };
}

/** Every recorded comparison in one table: values, Δ with its interval, raw and Holm-adjusted p, the paired counts. */
export function comparisonsTable(run: ReportRun): HTMLElement {
  const entries = comparisonsOf(run);
  if (entries.length === 0) return h('p', { class: 'empty' }, t('compare.none'));
  const rows = entries.map((entry) => {
    const kind = metricKind(entry.metric);
    return [
      `${entry.a} → ${entry.b}`,
      metricLabel(entry.metric),
      h('span', { class: 'num' }, formatValue(kind, entry.valueA), ' → ', formatValue(kind, entry.valueB)),
      h('span', { class: 'num', 'data-role': 'diff' }, formatDelta(kind, entry.diff), h('span', { class: 'ci' }, ` ${formatDeltaInterval(kind, entry.ci95)}`)),
      h(
        'span',
        { class: 'num', 'data-role': 'p-adjusted' },
        formatP(entry.pAdjusted),
        ' ',
        h(entry.significant ? 'strong' : 'span', { class: entry.significant ? '' : 'muted', 'data-role': 'significance' }, significanceWord(entry)),
      ),
      h('span', { class: 'num muted', 'data-role': 'p-raw' }, formatP(entry.pValue)),
      entry.test,
      h('span', { class: 'small' }, `n=${entry.n} · ${countsText(entry.counts)}`),
    ];
  });
  const csvRows = () => [
    ['a', 'b', 'metric', 'n', 'value_a', 'value_b', 'diff_b_minus_a', 'ci95_low', 'ci95_high', 'test', 'p_value', 'p_holm', 'significant', 'counts'],
    ...entries.map((entry) => [entry.a, entry.b, entry.metric, entry.n, entry.valueA, entry.valueB, entry.diff, entry.ci95?.[0], entry.ci95?.[1], entry.test, entry.pValue, entry.pAdjusted, entry.significant, JSON.stringify(entry.counts)]),
  ];
  return h(
    'div',
    { class: 'comparisons' },
    h('div', { class: 'card-head' }, h('p', { class: 'intro' }, t('compare.holmNote')), h('div', { class: 'card-actions' }, csvButton(`${run.runId}-comparisons.csv`, csvRows))),
    table({
      caption: t('compare.summaryHeading'),
      head: ['A → B', t('overview.metric'), t('common.value'), `${t('compare.delta')} · ${t('compare.ci')}`, t('compare.pAdjusted'), t('compare.pRaw'), t('compare.test'), t('compare.pairs')],
      rows,
      id: 'comparisons-table',
    }),
  );
}
