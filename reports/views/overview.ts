import type { ReportRun } from '../../lib/report/report-data.ts';
import { categoriesOf } from '../../lib/results/metric-access.ts';
import { latencyCdf, latencyHistogram, type DistributionSeries } from '../charts/latency-charts.ts';
import { groupedBarChart, metricBarChart } from '../charts/metric-charts.ts';
import type { ChartSlot } from '../charts/setup.ts';
import { h } from '../dom.ts';
import { t } from '../i18n/index.ts';
import { formatInterval, formatValue } from '../metrics.ts';
import { comparisonsTable } from './comparisons-table.ts';
import { colorIndexOf, csvButton, formatDate, kindBadge, section, shortHash, splitCandidates, table, type ViewResult } from './common.ts';
import { metricsTable } from './metrics-table.ts';
import { calibrationSection } from './calibration-section.ts';
import { verdictCard } from './verdict-card.ts';
import { judgeOverview } from './judge-summary.ts';

/** The run overview: verdict, metrics table, accuracy, latency, errors/tokens/cost, comparisons. */
export function overviewView(run: ReportRun): ViewResult {
  const slots: ChartSlot[] = [];
  const element = h(
    'div',
    { class: 'view view-overview' },
    runHeader(run),
    verdictCard(run),
    metricsTable(run),
    accuracySection(run, slots),
    calibrationSection(run, slots),
    latencySection(run, slots),
    reliabilitySection(run),
    judgeOverview(run),
    run.summary?.comparisons?.length ? section({ id: 'comparisons', title: t('overview.comparisonsHeading') }, comparisonsTable(run)) : null,
    glossary(),
  );
  return { element, mounts: slots.map((slot) => () => slot.mount()) };
}

/** Spec name, description and the facts a reader checks first. */
export function runHeader(run: ReportRun): HTMLElement {
  const description = run.manifest.spec.resolved.description;
  return h(
    'header',
    { class: 'run-header' },
    h('h1', null, run.manifest.spec.name),
    typeof description === 'string' ? h('p', { class: 'run-description' }, description) : null,
    h(
      'p',
      { class: 'run-meta' },
      h('span', null, formatDate(run.manifest.createdAt)),
      h('span', null, t('overview.samplesCandidates', { samples: run.manifest.dataset.count.toLocaleString('en-US'), candidates: run.manifest.candidates.length })),
      h('span', null, h('code', null, run.runId)),
      h('span', null, `${t('overview.dataset')} `, shortHash(run.manifest.dataset.sha256)),
    ),
    sandboxLine(run),
  );
}

/** Where candidates' code ran and what isolation held: a reviewer must see it beside pass@k. */
function sandboxLine(run: ReportRun): HTMLElement | null {
  const sandbox = run.manifest.sandbox;
  if (!sandbox) return null;
  const limits = sandbox.limits.length > 0 ? sandbox.limits.join(', ') : '—';
  return h(
    'p',
    { class: 'run-sandbox' },
    t('overview.sandbox', { kind: sandbox.kind, network: sandbox.network, filesystem: sandbox.filesystem, user: sandbox.user, limits }),
    sandbox.missing.length > 0 ? h('strong', { class: 'run-sandbox-missing' }, ` ${t('overview.sandboxMissing', { missing: sandbox.missing.join(', ') })}`) : null,
  );
}

function accuracySection(run: ReportRun, slots: ChartSlot[]): HTMLElement | null {
  const summary = run.summary;
  if (!summary) return null;
  const { models, controls } = splitCandidates(run);
  const order = [...models, ...controls];
  const bars = order.map((id) => ({ label: id, metric: summary.candidates[id]?.metrics.accuracy, control: controls.includes(id), colorIndex: colorIndexOf(run, id) }));
  if (!bars.some((bar) => bar.metric && bar.metric.value !== null)) return null;
  const accuracy = metricBarChart({ title: t('overview.accuracyHeading'), metricName: 'accuracy', bars });
  slots.push(accuracy);
  const categories = [...new Set(order.flatMap((id) => Object.keys(categoriesOf(summary.candidates[id]?.metrics.accuracy) ?? {})))].sort((a, b) => a.localeCompare(b));
  let byCategory: ChartSlot | null = null;
  if (categories.length > 1) {
    byCategory = groupedBarChart({
      title: t('overview.byCategoryHeading'),
      metricName: 'accuracy',
      categories,
      axisTitle: '%',
      series: order.map((id) => ({
        label: id,
        control: controls.includes(id),
        colorIndex: colorIndexOf(run, id),
        values: categories.map((category) => categoriesOf(summary.candidates[id]?.metrics.accuracy)?.[category]),
      })),
    });
    slots.push(byCategory);
  }
  return section({ id: 'accuracy', title: t('overview.accuracyHeading'), intro: t('overview.accuracyIntro') }, h('div', { class: 'chart-grid' }, accuracy.element, byCategory?.element));
}

function latencySection(run: ReportRun, slots: ChartSlot[]): HTMLElement {
  const { models, controls } = splitCandidates(run);
  const order = [...models, ...controls];
  const series = (which: 'latency' | 'ttft'): DistributionSeries[] =>
    order.flatMap((id) => {
      const digest = run.distributions[id]?.[which];
      return digest ? [{ label: id, control: controls.includes(id), colorIndex: colorIndexOf(run, id), digest }] : [];
    });
  const latency = series('latency');
  const ttft = series('ttft');
  if (latency.length === 0) return section({ id: 'latency', title: t('overview.latencyHeading') }, h('p', { class: 'empty' }, t('overview.noLatency')));
  const charts: ChartSlot[] = [latencyHistogram(t('overview.histogram'), latency), latencyCdf(t('overview.cdf'), latency)];
  if (ttft.length > 0) charts.push(latencyCdf(t('overview.ttftCdf'), ttft));
  slots.push(...charts);
  return section({ id: 'latency', title: t('overview.latencyHeading'), intro: t('overview.latencyIntro') }, h('div', { class: 'chart-grid' }, charts.map((chart) => chart.element)));
}

function reliabilitySection(run: ReportRun): HTMLElement | null {
  const summary = run.summary;
  if (!summary) return null;
  const { models, controls } = splitCandidates(run);
  const ids = [...models, ...controls].filter((id) => summary.candidates[id]);
  const value = (id: string, name: string) => summary.candidates[id]!.metrics[name];
  const rows = ids.map((id) => {
    const errorRate = value(id, 'errors.rate');
    return [
      [id, ' ', kindBadge(run, id)],
      h('span', { class: 'num' }, summary.candidates[id]!.errors.toLocaleString('en-US')),
      h('span', { class: 'num' }, `${formatValue('rate', errorRate?.value)} ${formatInterval('rate', errorRate?.ci95)}`),
      h('span', { class: 'num' }, formatValue('count', value(id, 'tokens.input')?.value)),
      h('span', { class: 'num' }, formatValue('count', value(id, 'tokens.output')?.value)),
      h('span', { class: 'num' }, formatValue('tps', value(id, 'throughput.output_tokens_per_s')?.value)),
      h('span', { class: 'num' }, formatValue('usd', value(id, 'cost.usd')?.value)),
    ];
  });
  const csvRows = () => [
    ['candidate', 'errors', 'error_rate', 'tokens_input', 'tokens_output', 'output_tokens_per_s', 'cost_usd'],
    ...ids.map((id) => [
      id,
      summary.candidates[id]!.errors,
      value(id, 'errors.rate')?.value,
      value(id, 'tokens.input')?.value,
      value(id, 'tokens.output')?.value,
      value(id, 'throughput.output_tokens_per_s')?.value,
      value(id, 'cost.usd')?.value,
    ]),
  ];
  return section(
    { id: 'reliability', title: t('overview.errorsHeading'), actions: csvButton(`${run.runId}-errors-tokens-cost.csv`, csvRows) },
    table({
      caption: t('overview.errorsHeading'),
      head: [t('common.candidate'), t('overview.errors'), t('overview.errorRate'), t('overview.tokensIn'), t('overview.tokensOut'), t('overview.throughput'), t('overview.cost')],
      rows,
    }),
  );
}

function glossary(): HTMLElement {
  return h(
    'details',
    { class: 'card glossary' },
    h('summary', null, t('overview.glossary')),
    h('ul', null, h('li', null, t('overview.glossary1')), h('li', null, t('overview.glossary2')), h('li', null, t('overview.glossary3')), h('li', null, t('overview.glossary4'))),
  );
}
