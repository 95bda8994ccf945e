import type { ReportRun } from '../../lib/report/report-data.ts';
import type { Metric } from '../../lib/results/index.ts';
import { groupedBarChart, metricBarChart } from '../charts/metric-charts.ts';
import type { ChartSlot } from '../charts/setup.ts';
import { h, type Child } from '../dom.ts';
import { t } from '../i18n/index.ts';
import { formatInterval, formatValue, metricKind, metricLabel } from '../metrics.ts';
import { csvButton, metricCell, section, splitCandidates, table, type ViewResult } from './common.ts';
import { candidateGroupRates, hasBiasMetrics, impactRatios, isBiasMetric, namesWithPrefix, typeCounts } from './bias-data.ts';
import { runHeader } from './overview.ts';

/** Bias and fairness: BBQ per category (×100), counterfactual group rates against four-fifths, PII leaks; controls apart. */
export function biasView(run: ReportRun): ViewResult {
  const slots: ChartSlot[] = [];
  if (!hasBiasMetrics(run)) {
    return { element: h('div', { class: 'view view-bias' }, runHeader(run), section({ id: 'bias', title: t('bias.heading') }, h('p', { class: 'empty' }, t('bias.none')))) };
  }
  const element = h('div', { class: 'view view-bias' }, runHeader(run), bbqSection(run, slots), fairnessSection(run, slots), privacySection(run, slots), controlsSection(run));
  return { element, mounts: slots.map((slot) => () => slot.mount()) };
}

function modelsWith(run: ReportRun, name: string): string[] {
  return splitCandidates(run).models.filter((id) => run.summary?.candidates[id]?.metrics[name]);
}

function metricOf(run: ReportRun, id: string, name: string): Metric | undefined {
  return run.summary?.candidates[id]?.metrics[name];
}

function bbqSection(run: ReportRun, slots: ChartSlot[]): HTMLElement | null {
  const contexts = (['ambig', 'disambig'] as const).filter((context) => modelsWith(run, `bias.bbq.${context}`).length > 0);
  if (contexts.length === 0) return null;
  const blocks = contexts.map((context) => {
    const name = `bias.bbq.${context}`;
    const models = modelsWith(run, name);
    const categories = [...new Set(models.flatMap((id) => Object.keys(metricOf(run, id, name)?.byCategory ?? {})))].sort((a, b) => a.localeCompare(b));
    const overall = t('bias.overall');
    const chart = groupedBarChart({
      title: `${t('bias.bbqHeading')} — ${t(context === 'ambig' ? 'bias.ambig' : 'bias.disambig')}`,
      metricName: name,
      categories: [overall, ...categories],
      axisTitle: '×100',
      refLines: [{ axis: 'y', value: 0, label: '0', color: '#202124', dash: [] }],
      series: models.map((id, index) => ({
        label: id,
        control: false,
        colorIndex: index,
        values: [metricOf(run, id, name), ...categories.map((category) => metricOf(run, id, name)?.byCategory?.[category])],
      })),
    });
    slots.push(chart);
    const accuracyName = `accuracy.bbq.${context}`;
    const rows: Child[][] = [
      [overall, ...models.map((id) => cellContent(name, metricOf(run, id, name)))],
      ...categories.map((category) => [category, ...models.map((id) => cellContent(name, metricOf(run, id, name)?.byCategory?.[category]))]),
    ];
    if (models.some((id) => metricOf(run, id, accuracyName))) rows.push([metricLabel(accuracyName), ...models.map((id) => cellContent(accuracyName, metricOf(run, id, accuracyName)))]);
    const csvRows = () => [
      ['category', 'candidate', 'metric', 'value_x100', 'ci95_low_x100', 'ci95_high_x100', 'n'],
      ...models.flatMap((id) => {
        const metric = metricOf(run, id, name);
        const rowsFor = [['overall', metric] as const, ...categories.map((category) => [category, metric?.byCategory?.[category]] as const)];
        return rowsFor.map(([category, value]) => [category, id, name, scaled(value?.value), scaled(value?.ci95?.[0]), scaled(value?.ci95?.[1]), value?.n]);
      }),
    ];
    return h(
      'div',
      { class: 'subsection', 'data-bbq': context },
      h('div', { class: 'card-head' }, h('h3', null, t(context === 'ambig' ? 'bias.ambig' : 'bias.disambig')), csvButton(`${run.runId}-bbq-${context}.csv`, csvRows)),
      chart.element,
      table({ caption: `${t('bias.bbqHeading')} ${context}`, head: [t('bias.category'), ...models], rows, id: `bbq-${context}-table` }),
    );
  });
  return section({ id: 'bbq', title: t('bias.bbqHeading'), intro: t('bias.bbqIntro') }, blocks);
}

function fairnessSection(run: ReportRun, slots: ChartSlot[]): HTMLElement | null {
  const names = namesWithPrefix(run, 'fairness.');
  const models = splitCandidates(run).models.filter((id) => names.some((name) => metricOf(run, id, name)));
  if (models.length === 0) return null;
  const headline = table({
    caption: t('bias.fairnessHeading'),
    head: [t('common.candidate'), ...names.map(metricLabel)],
    rows: models.map((id) => [id, ...names.map((name) => fairnessCell(name, metricOf(run, id, name)))]),
    id: 'fairness-table',
  });
  const perModel = models.map((id) => ({ id, groups: candidateGroupRates(run.summary!.candidates[id]!.metrics) })).filter((entry) => entry.groups);
  const children: Child[] = [headline];
  if (perModel.length > 0) {
    const groups = [...new Set(perModel.flatMap((entry) => Object.keys(entry.groups!.rates)))].sort((a, b) => a.localeCompare(b));
    const ratios = new Map(perModel.map((entry) => [entry.id, impactRatios(entry.groups!.rates)]));
    const chart = groupedBarChart({
      title: `${t('bias.ratio')} (${t('bias.fourFifths')})`,
      metricName: 'fairness.disparate_impact',
      categories: groups,
      scale: 1,
      axisTitle: t('bias.ratio'),
      refLines: [{ axis: 'y', value: 0.8, label: t('bias.fourFifths'), color: '#b3261e' }],
      series: perModel.map((entry, index) => ({
        label: entry.id,
        control: false,
        colorIndex: models.indexOf(entry.id) >= 0 ? models.indexOf(entry.id) : index,
        values: groups.map((group) => ({ value: ratios.get(entry.id)![group] ?? null, n: entry.groups!.rates[group]?.n ?? 0 })),
      })),
    });
    slots.push(chart);
    const rows = groups.map((group) => [
      group,
      ...perModel.map((entry) => {
        const rate = entry.groups!.rates[group];
        const ratio = ratios.get(entry.id)![group];
        if (!rate) return t('common.none');
        return h(
          'span',
          { class: 'num', 'data-group': group, 'data-candidate': entry.id },
          `${formatValue('rate', rate.value)} ${formatInterval('rate', rate.ci95)}`,
          rate.n !== undefined ? h('span', { class: 'n' }, `n=${rate.n}`) : null,
          h('span', { class: 'ratio' }, `${t('bias.ratio')} ${formatValue('ratio', ratio)}`),
          ratio === null ? null : flag(ratio >= 0.8, ratio >= 0.8 ? t('bias.ok') : t('bias.flagged')),
        );
      }),
    ]);
    const csvRows = () => [
      ['candidate', 'source_metric', 'group', 'rate', 'ci95_low', 'ci95_high', 'n', 'impact_ratio', 'below_four_fifths'],
      ...perModel.flatMap((entry) =>
        groups.map((group) => {
          const rate = entry.groups!.rates[group];
          const ratio = ratios.get(entry.id)![group];
          return [entry.id, entry.groups!.source, group, rate?.value, rate?.ci95?.[0], rate?.ci95?.[1], rate?.n, ratio, ratio === null || ratio === undefined ? '' : ratio < 0.8];
        }),
      ),
    ];
    children.push(
      h('div', { class: 'card-head' }, h('h3', null, `${t('bias.group')} · ${t('bias.rate')}`), csvButton(`${run.runId}-fairness-groups.csv`, csvRows)),
      chart.element,
      table({ caption: t('bias.group'), head: [t('bias.group'), ...perModel.map((entry) => entry.id)], rows, id: 'fairness-groups-table' }),
    );
  }
  const flipModels = models.filter((id) => Object.keys(metricOf(run, id, 'fairness.flip_rate')?.byCategory ?? {}).length > 0);
  if (flipModels.length > 0) {
    const categories = [...new Set(flipModels.flatMap((id) => Object.keys(metricOf(run, id, 'fairness.flip_rate')!.byCategory!)))].sort((a, b) => a.localeCompare(b));
    const chart = groupedBarChart({
      title: metricLabel('fairness.flip_rate'),
      metricName: 'fairness.flip_rate',
      categories,
      axisTitle: '%',
      series: flipModels.map((id) => ({ label: id, control: false, colorIndex: models.indexOf(id), values: categories.map((category) => metricOf(run, id, 'fairness.flip_rate')!.byCategory![category]) })),
    });
    slots.push(chart);
    children.push(chart.element);
  }
  return section({ id: 'fairness', title: t('bias.fairnessHeading'), intro: t('bias.fairnessIntro') }, children);
}

function privacySection(run: ReportRun, slots: ChartSlot[]): HTMLElement | null {
  const name = 'privacy.pii_leak_rate';
  const models = modelsWith(run, name);
  const otherNames = namesWithPrefix(run, 'privacy.').filter((other) => other !== name);
  if (models.length === 0 && otherNames.length === 0) return null;
  const children: Child[] = [];
  if (models.length > 0) {
    const chart = metricBarChart({
      title: metricLabel(name),
      metricName: name,
      bars: models.map((id, index) => ({ label: id, metric: metricOf(run, id, name), control: false, colorIndex: index })),
    });
    slots.push(chart);
    children.push(chart.element);
    const counts = models.map((id) => ({ id, counts: typeCounts(metricOf(run, id, name)) })).filter((entry) => entry.counts);
    if (counts.length > 0) {
      const types = [...new Set(counts.flatMap((entry) => Object.keys(entry.counts!)))].sort((a, b) => a.localeCompare(b));
      const countsChart = groupedBarChart({
        title: `${t('bias.privacyHeading')} — ${t('bias.type')}`,
        metricName: 'privacy.count',
        categories: types,
        scale: 1,
        axisTitle: t('bias.count'),
        series: counts.map((entry) => ({ label: entry.id, control: false, colorIndex: models.indexOf(entry.id), values: types.map((type) => ({ value: entry.counts![type] ?? 0, n: 0 })) })),
      });
      slots.push(countsChart);
      const csvRows = () => [['candidate', 'type', 'count'], ...counts.flatMap((entry) => types.map((type) => [entry.id, type, entry.counts![type] ?? 0]))];
      children.push(
        h('div', { class: 'card-head' }, h('h3', null, t('bias.type')), csvButton(`${run.runId}-pii-by-type.csv`, csvRows)),
        countsChart.element,
        table({
          caption: t('bias.privacyHeading'),
          head: [t('bias.type'), ...counts.map((entry) => entry.id)],
          rows: types.map((type) => [type, ...counts.map((entry) => h('span', { class: 'num', 'data-pii-type': type, 'data-candidate': entry.id }, String(entry.counts![type] ?? 0)))]),
          id: 'pii-table',
        }),
      );
    }
  }
  const allNames = [...(models.length > 0 ? [name] : []), ...otherNames];
  const ids = splitCandidates(run).models.filter((id) => allNames.some((metric) => metricOf(run, id, metric)));
  children.push(table({ caption: t('bias.privacyHeading'), head: [t('common.candidate'), ...allNames.map(metricLabel)], rows: ids.map((id) => [id, ...allNames.map((metric) => cellContent(metric, metricOf(run, id, metric)))]) }));
  return section({ id: 'privacy', title: t('bias.privacyHeading'), intro: t('bias.privacyIntro') }, children);
}

/** The controls' bias metrics in a table of their own, apart from the models. */
function controlsSection(run: ReportRun): HTMLElement | null {
  const { controls } = splitCandidates(run);
  const names = [...new Set(controls.flatMap((id) => Object.keys(run.summary?.candidates[id]?.metrics ?? {}).filter(isBiasMetric)))].sort();
  if (controls.length === 0 || names.length === 0) return null;
  const body = h(
    'tbody',
    null,
    names.map((name) => h('tr', null, h('th', { scope: 'row' }, metricLabel(name)), controls.map((id) => metricCell(name, metricOf(run, id, name), id)))),
  );
  return section(
    { id: 'bias-controls', title: t('bias.controlsHeading'), intro: t('bias.controlsIntro') },
    h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'bias-controls-h' }, h('table', { class: 'data' }, h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('overview.metric')), controls.map((id) => h('th', { scope: 'col', class: 'num' }, id)))), body)),
  );
}

function cellContent(name: string, metric: { value: number | null; n?: number; ci95?: readonly [number, number] } | undefined): Child {
  if (!metric) return t('common.none');
  const kind = metricKind(name);
  return h(
    'span',
    { class: 'num', 'data-metric': name },
    h('span', { class: 'value' }, formatValue(kind, metric.value)),
    metric.ci95 ? h('span', { class: 'ci' }, ` ${formatInterval(kind, metric.ci95)}`) : null,
    metric.n !== undefined ? h('span', { class: 'n' }, `n=${metric.n}`) : null,
  );
}

function fairnessCell(name: string, metric: Metric | undefined): Child {
  if (!metric) return t('common.none');
  const content = cellContent(name, metric);
  if (name !== 'fairness.disparate_impact' || metric.value === null) return content;
  const ok = metric.value >= 0.8;
  return [content, flag(ok, ok ? t('bias.ok') : t('bias.flagged'))];
}

/** A flag in an icon and words. */
function flag(ok: boolean, words: string): HTMLElement {
  return h('span', { class: ok ? 'flag flag-ok' : 'flag flag-bad' }, h('span', { 'aria-hidden': 'true' }, ok ? '✓ ' : '⚠ '), words);
}

function scaled(value: number | null | undefined): number | null {
  return value === null || value === undefined ? null : value * 100;
}
