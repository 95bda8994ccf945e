import type { ReportRun } from '../../lib/report/report-data.ts';
import type { Metric } from '../../lib/results/index.ts';
import { categoriesOf, ofKind } from '../../lib/results/metric-access.ts';
import { groupedBarChart, metricBarChart } from '../charts/metric-charts.ts';
import type { ChartSlot, RefLine } from '../charts/setup.ts';
import { gateStatus } from '../../lib/gate/describe-gate.ts';
import type { GateResult, ThresholdGateResult } from '../../lib/results/index.ts';
import { h, type Child } from '../dom.ts';
import { t } from '../i18n/index.ts';
import { compareMetricNames, formatInterval, formatValue, metricKind, metricLabel } from '../metrics.ts';
import { colorIndexOf, csvButton, kindBadge, section, splitCandidates, table, type ViewResult } from './common.ts';
import { candidateGroups, hasBiasMetrics, impactThreshold, isBiasMetric, namesWithPrefix, typeCounts, type CandidateGroups } from './bias-data.ts';
import { gateLine, reasonElement } from './verdict-card.ts';
import { runHeader } from './overview.ts';

/**
 * Bias and fairness: BBQ per category (×100), counterfactual group rates and impact ratios against
 * the four-fifths line, PII leaks by type. Models first; controls hatched and marked, as on the overview.
 */
export function biasView(run: ReportRun): ViewResult {
  const slots: ChartSlot[] = [];
  if (!hasBiasMetrics(run)) {
    return { element: h('div', { class: 'view view-bias' }, runHeader(run), section({ id: 'bias', title: t('bias.heading') }, h('p', { class: 'empty' }, t('bias.none')))) };
  }
  const note = splitCandidates(run).controls.length > 0 ? h('p', { class: 'intro controls-note' }, t('bias.controlsNote')) : null;
  const element = h('div', { class: 'view view-bias' }, runHeader(run), note, gatesSection(run), bbqSection(run, slots), fairnessSection(run, slots), privacySection(run, slots));
  return { element, mounts: slots.map((slot) => () => slot.mount()) };
}

/** The run's gates on bias, fairness and privacy metrics. */
function biasGates(run: ReportRun): GateResult[] {
  return (run.summary?.gates ?? []).filter((gate) => isBiasMetric(gate.metric));
}

/**
 * The gates on this page's metrics, printed with it: a printed bias page must say FAIL when a
 * fairness gate failed, not leave the verdict to another page.
 */
function gatesSection(run: ReportRun): HTMLElement | null {
  const gates = biasGates(run);
  if (gates.length === 0) return null;
  const rows = gates.map((gate) => {
    const status = gateStatus(gate);
    const word = status === 'PASS' ? t('verdict.pass') : status === 'FAIL' ? t('verdict.fail') : t('verdict.skip');
    return [
      h('span', { class: `gate gate-${status.toLowerCase()}`, 'data-status': status, 'data-gate': `${gate.candidate}:${gate.metric}` }, h('span', { class: 'gate-icon', 'aria-hidden': 'true' }, status === 'PASS' ? '✓' : status === 'FAIL' ? '✗' : '–'), ' ', h('strong', { class: 'gate-word' }, word)),
      gateLine(gate),
      gate.reason ? reasonElement(gate.reason) : t('common.none'),
    ];
  });
  const failed = gates.filter((gate) => gateStatus(gate) === 'FAIL').length;
  return section(
    { id: 'bias-gates', title: t('bias.gatesHeading'), intro: failed > 0 ? t('bias.gatesFailed', { failed, count: gates.length }) : t('bias.gatesPassed', { count: gates.length }) },
    table({ caption: t('bias.gatesHeading'), head: [t('bias.gateStatus'), t('bias.gate'), t('bias.gateReason')], rows, id: 'bias-gates-table' }),
  );
}

/**
 * Reference lines for the gates on one metric, in chart units (×100 for BBQ, % for rates): one
 * per distinct threshold, both signs for a gate on the absolute value.
 */
function gateLines(run: ReportRun, metricName: string, axis: 'x' | 'y', scale: number, except: readonly number[] = []): RefLine[] {
  const seen = new Set<string>();
  const lines: RefLine[] = [];
  for (const gate of biasGates(run).filter((candidate): candidate is ThresholdGateResult => candidate.metric === metricName && candidate.kind !== 'baseline')) {
    const key = `${gate.op}|${gate.threshold}|${gate.abs === true}`;
    if (seen.has(key) || except.includes(gate.threshold)) continue;
    seen.add(key);
    const label = t('bias.gateLine', { op: gate.abs === true ? `|x| ${gate.op}` : gate.op, threshold: formatValue(metricKind(metricName), gate.threshold) });
    lines.push({ axis, value: gate.threshold * scale, label, color: '#b3261e', dash: [6, 3], align: 'end' });
    if (gate.abs === true && gate.threshold !== 0) lines.push({ axis, value: -gate.threshold * scale, label, color: '#b3261e', dash: [6, 3], align: 'end' });
  }
  return lines;
}

interface Candidate {
  readonly id: string;
  readonly control: boolean;
  /** Stable colour slot (colorIndexOf). */
  readonly colorIndex: number;
}

/** Candidates that report a metric, models first, then controls. */
function candidatesWith(run: ReportRun, has: (metrics: Record<string, Metric>) => boolean): Candidate[] {
  const { models, controls } = splitCandidates(run);
  return [...models, ...controls]
    .map((id) => ({ id, control: controls.includes(id), colorIndex: colorIndexOf(run, id) }))
    .filter((candidate) => {
      const metrics = run.summary?.candidates[candidate.id]?.metrics;
      return metrics !== undefined && has(metrics);
    });
}

function metricOf(run: ReportRun, id: string, name: string): Metric | undefined {
  return run.summary?.candidates[id]?.metrics[name];
}

/** A column head: the candidate id and its kind badge. */
function head(run: ReportRun, candidate: Candidate): Child {
  return [candidate.id, ' ', kindBadge(run, candidate.id)];
}

function bbqSection(run: ReportRun, slots: ChartSlot[]): HTMLElement | null {
  const contexts = (['ambig', 'disambig'] as const).filter((context) => candidatesWith(run, (metrics) => Boolean(metrics[`bias.bbq.${context}`])).length > 0);
  if (contexts.length === 0) return null;
  const blocks = contexts.map((context) => {
    const name = `bias.bbq.${context}`;
    const candidates = candidatesWith(run, (metrics) => Boolean(metrics[name]));
    const categories = [...new Set(candidates.flatMap((candidate) => Object.keys(categoriesOf(metricOf(run, candidate.id, name)) ?? {})))].sort((a, b) => a.localeCompare(b));
    const overall = t('bias.overall');
    const contextLabel = t(context === 'ambig' ? 'bias.ambig' : 'bias.disambig');
    const chart = groupedBarChart({
      title: `${t('bias.bbqHeading')} — ${contextLabel}`,
      metricName: name,
      categories: [overall, ...categories],
      axisTitle: '×100',
      refLines: [{ axis: 'y', value: 0, label: '0', color: '#202124', dash: [] }, ...gateLines(run, name, 'y', 100)],
      series: candidates.map((candidate) => ({
        label: candidate.id,
        control: candidate.control,
        colorIndex: candidate.colorIndex,
        values: [metricOf(run, candidate.id, name), ...categories.map((category) => categoriesOf(metricOf(run, candidate.id, name))?.[category])],
      })),
    });
    slots.push(chart);
    const accuracyName = `accuracy.bbq.${context}`;
    const valueCell = (candidate: Candidate, category: string | null, metricName = name) => {
      const metric = metricOf(run, candidate.id, metricName);
      return cellContent(metricName, category === null ? metric : categoriesOf(metric)?.[category], { candidate: candidate.id, category: category ?? 'overall' });
    };
    const rows: Child[][] = [[overall, ...candidates.map((candidate) => valueCell(candidate, null))], ...categories.map((category) => [category, ...candidates.map((candidate) => valueCell(candidate, category))])];
    if (candidates.some((candidate) => metricOf(run, candidate.id, accuracyName))) rows.push([metricLabel(accuracyName), ...candidates.map((candidate) => valueCell(candidate, null, accuracyName))]);
    const flagged = candidates.filter((candidate) => ofKind(metricOf(run, candidate.id, name), 'bbq')?.flag === 'no-non-unknown-answers');
    const csvRows = () => [
      ['category', 'candidate', 'kind', 'metric', 'value_x100', 'ci95_low_x100', 'ci95_high_x100', 'n'],
      ...candidates.flatMap((candidate) => {
        const metric = metricOf(run, candidate.id, name);
        const rowsFor = [['overall', metric] as const, ...categories.map((category) => [category, categoriesOf(metric)?.[category]] as const)];
        return rowsFor.map(([category, value]) => [category, candidate.id, candidate.control ? 'control' : 'model', name, scaled(value?.value), scaled(value?.ci95?.[0]), scaled(value?.ci95?.[1]), value?.n]);
      }),
    ];
    return h(
      'div',
      { class: 'subsection', 'data-bbq': context },
      h('div', { class: 'card-head' }, h('h3', null, contextLabel), csvButton(`${run.runId}-bbq-${context}.csv`, csvRows)),
      chart.element,
      table({ caption: `${t('bias.bbqHeading')} — ${contextLabel}`, head: [t('bias.category'), ...candidates.map((candidate) => head(run, candidate))], rows, id: `bbq-${context}-table` }),
      flagged.length > 0 ? h('p', { class: 'note' }, flagged.map((candidate) => `${candidate.id}: ${t('bias.noUnknownFlag')}`).join('; ')) : null,
    );
  });
  return section({ id: 'bbq', title: t('bias.bbqHeading'), intro: t('bias.bbqIntro') }, blocks);
}

function fairnessSection(run: ReportRun, slots: ChartSlot[]): HTMLElement | null {
  const names = namesWithPrefix(run, 'fairness.').sort(compareMetricNames);
  const candidates = candidatesWith(run, (metrics) => names.some((name) => metrics[name]));
  if (candidates.length === 0) return null;
  const children: Child[] = [
    table({
      caption: t('bias.fairnessHeading'),
      head: [t('common.candidate'), ...names.map(metricLabel)],
      rows: candidates.map((candidate) => [head(run, candidate), ...names.map((name) => fairnessCell(name, metricOf(run, candidate.id, name), candidate.id))]),
      id: 'fairness-table',
    }),
  ];
  const withGroups = candidates.flatMap((candidate) => {
    const groups = candidateGroups(run.summary!.candidates[candidate.id]!.metrics);
    return groups ? [{ candidate, groups }] : [];
  });
  if (withGroups.length > 0) children.push(...groupBlock(run, withGroups, slots));
  return section({ id: 'fairness', title: t('bias.fairnessHeading'), intro: t('bias.fairnessIntro') }, children);
}

/** Impact ratio per group against the four-fifths line, and the group rates behind it. */
function groupBlock(run: ReportRun, entries: readonly { candidate: Candidate; groups: CandidateGroups }[], slots: ChartSlot[]): Child[] {
  const groups = [...new Set(entries.flatMap((entry) => entry.groups.groups))];
  const threshold = entries[0]!.groups.threshold;
  const line = t('bias.fourFifths', { threshold: String(threshold) });
  const chart = groupedBarChart({
    title: `${t('bias.ratio')} — ${line}`,
    metricName: 'fairness.disparate_impact',
    categories: groups,
    scale: 1,
    axisTitle: t('bias.ratio'),
    // A gate at the four-fifths threshold is that line; a gate elsewhere gets its own.
    refLines: [{ axis: 'y', value: threshold, label: gateLines(run, 'fairness.disparate_impact', 'y', 1).some((gate) => gate.value === threshold) ? `${line} · ${t('bias.gateHere')}` : line, color: '#b3261e' }, ...gateLines(run, 'fairness.disparate_impact', 'y', 1, [threshold])],
    series: entries.map(({ candidate, groups: data }) => ({
      label: candidate.id,
      control: candidate.control,
      colorIndex: candidate.colorIndex,
      values: groups.map((group) => ({ value: data.impact[group]?.ratio ?? null, n: data.rates[group]?.n ?? 0 })),
    })),
  });
  slots.push(chart);
  const rows = groups.map((group) => [
    group,
    ...entries.map(({ candidate, groups: data }) => {
      const rate = data.rates[group];
      const impact = data.impact[group];
      if (!rate) return t('common.none');
      return h(
        'span',
        { class: 'num', 'data-group': group, 'data-candidate': candidate.id },
        h('span', { class: 'value', 'data-role': 'rate' }, formatValue('rate', rate.value)),
        h('span', { class: 'ci' }, ` ${formatInterval('rate', rate.ci95)}`),
        h('span', { class: 'n' }, rate.positives !== undefined ? `${rate.positives} / ${rate.n}` : `n=${rate.n}`),
        h('span', { class: 'ratio' }, `${t('bias.ratio')} `, h('span', { 'data-role': 'ratio' }, formatValue('ratio', impact?.ratio))),
        impact?.flagged === null || impact === undefined ? null : flag(!impact.flagged, impact.flagged ? t('bias.flagged') : t('bias.ok')),
      );
    }),
  ]);
  const csvRows = () => [
    ['candidate', 'kind', 'group', 'positive_rate', 'ci95_low', 'ci95_high', 'positives', 'n', 'impact_ratio', 'below_threshold', 'threshold'],
    ...entries.flatMap(({ candidate, groups: data }) =>
      groups.map((group) => {
        const rate = data.rates[group];
        const impact = data.impact[group];
        return [candidate.id, candidate.control ? 'control' : 'model', group, rate?.value, rate?.ci95?.[0], rate?.ci95?.[1], rate?.positives, rate?.n, impact?.ratio, impact?.flagged, data.threshold];
      }),
    ),
  ];
  return [
    h('div', { class: 'card-head' }, h('h3', null, `${t('bias.group')} · ${t('bias.positiveRate')}`), csvButton(`${run.runId}-fairness-groups.csv`, csvRows)),
    h('p', { class: 'intro' }, t('bias.groupsIntro')),
    chart.element,
    table({ caption: t('bias.group'), head: [t('bias.group'), ...entries.map(({ candidate }) => head(run, candidate))], rows, id: 'fairness-groups-table' }),
  ];
}

function privacySection(run: ReportRun, slots: ChartSlot[]): HTMLElement | null {
  const name = 'privacy.pii_leak_rate';
  const candidates = candidatesWith(run, (metrics) => Boolean(metrics[name]));
  const otherNames = namesWithPrefix(run, 'privacy.').filter((other) => other !== name);
  if (candidates.length === 0 && otherNames.length === 0) return null;
  const allNames = [...(candidates.length > 0 ? [name] : []), ...otherNames];
  const ids = candidatesWith(run, (metrics) => allNames.some((metric) => metrics[metric]));
  const children: Child[] = [];
  const summaryTable =
    table({
      caption: t('bias.privacyHeading'),
      head: [t('common.candidate'), ...allNames.map(metricLabel)],
      rows: ids.map((candidate) => [
        head(run, candidate),
        ...allNames.map((metric) => {
          const value = metricOf(run, candidate.id, metric);
          const leaked = ofKind(value, 'privacy')?.leaked;
          return [cellContent(metric, value, { candidate: candidate.id }), typeof leaked === 'number' ? h('span', { class: 'n' }, t('bias.leaked', { leaked, n: value!.n })) : null];
        }),
      ]),
      id: 'privacy-table',
    });
  if (candidates.length > 0) {
    const chart = metricBarChart({
      title: metricLabel(name),
      metricName: name,
      bars: candidates.map((candidate) => ({ label: candidate.id, metric: metricOf(run, candidate.id, name), control: candidate.control, colorIndex: candidate.colorIndex })),
      refLines: gateLines(run, name, 'x', 100),
    });
    slots.push(chart);
    children.push(chart.element, summaryTable);
    const counts = candidates.flatMap((candidate) => {
      const byType = typeCounts(metricOf(run, candidate.id, name));
      return byType ? [{ candidate, byType }] : [];
    });
    const types = [...new Set(counts.flatMap((entry) => Object.keys(entry.byType)))].sort((a, b) => a.localeCompare(b));
    if (types.length > 0) {
      const countsChart = groupedBarChart({
        title: `${t('bias.privacyHeading')} — ${t('bias.outputs')}`,
        metricName: 'privacy.count',
        categories: types,
        scale: 1,
        axisTitle: t('bias.outputs'),
        integer: true,
        series: counts.map(({ candidate, byType }) => ({ label: candidate.id, control: candidate.control, colorIndex: candidate.colorIndex, values: types.map((type) => ({ value: byType[type]?.records ?? 0, n: 0 })) })),
      });
      slots.push(countsChart);
      const csvRows = () => [['candidate', 'kind', 'type', 'outputs', 'matches'], ...counts.flatMap(({ candidate, byType }) => types.map((type) => [candidate.id, candidate.control ? 'control' : 'model', type, byType[type]?.records ?? 0, byType[type]?.matches ?? 0]))];
      children.push(
        h('div', { class: 'card-head' }, h('h3', null, t('bias.type')), csvButton(`${run.runId}-pii-by-type.csv`, csvRows)),
        h('p', { class: 'intro' }, t('bias.typesIntro')),
        countsChart.element,
        table({
          caption: t('bias.privacyHeading'),
          head: [t('bias.type'), ...counts.map(({ candidate }) => head(run, candidate))],
          rows: types.map((type) => [
            h('code', null, type),
            ...counts.map(({ candidate, byType }) =>
              h(
                'span',
                { class: 'num', 'data-pii-type': type, 'data-candidate': candidate.id },
                h('span', { 'data-role': 'records' }, String(byType[type]?.records ?? 0)),
                ' ',
                h('span', { class: 'muted' }, t('bias.typeCell', { matches: byType[type]?.matches ?? 0 })),
              ),
            ),
          ]),
          id: 'pii-table',
        }),
      );
    }
  } else children.push(summaryTable);
  return section({ id: 'privacy', title: t('bias.privacyHeading'), intro: t('bias.privacyIntro') }, children);
}

function cellContent(name: string, metric: { value: number | null; n?: number; ci95?: readonly [number, number] } | undefined, data: Record<string, string> = {}): Child {
  if (!metric) return t('common.none');
  const kind = metricKind(name);
  const attributes: Record<string, string> = { class: 'num', 'data-metric': name };
  for (const [key, value] of Object.entries(data)) attributes[`data-${key}`] = value;
  return h(
    'span',
    attributes,
    h('span', { class: 'value' }, formatValue(kind, metric.value)),
    intervalOf(kind, metric),
    metric.n !== undefined ? h('span', { class: 'n' }, `n=${metric.n}`) : null,
  );
}

/**
 * The interval, or why there is none: a zero-width bootstrap interval (one cluster, or every
 * resample equal) is not certainty, so it is never printed as `[25.0, 25.0]`. BBQ records its
 * cluster count under `interval.clusters` (lib/scorers/bbq-aggregate.ts), other metrics at the top.
 */
export function intervalOf(kind: ReturnType<typeof metricKind>, metric: { value?: number | null; ci95?: readonly [number, number]; clusters?: unknown; interval?: unknown }): Child {
  const clusters = clusterCount(metric);
  if (clusters === 1 && metric.value !== null && metric.value !== undefined) return h('span', { class: 'ci ci-none', 'data-role': 'no-interval' }, ` (${t('bias.noInterval')})`);
  if (!metric.ci95) return null;
  if (metric.ci95[0] !== metric.ci95[1]) return h('span', { class: 'ci' }, ` ${formatInterval(kind, metric.ci95)}`);
  return h('span', { class: 'ci ci-none', 'data-role': 'no-interval' }, ` (${t('bias.zeroWidth')})`);
}

function clusterCount(metric: { clusters?: unknown; interval?: unknown }): number | null {
  const nested = (metric.interval as { clusters?: unknown } | undefined)?.clusters;
  const clusters = typeof nested === 'number' ? nested : metric.clusters;
  return typeof clusters === 'number' ? clusters : null;
}

function fairnessCell(name: string, metric: Metric | undefined, candidate: string): Child {
  if (!metric) return t('common.none');
  const content = cellContent(name, metric, { candidate });
  const fairness = ofKind(metric, 'fairness');
  if (name === 'fairness.flip_rate' && typeof fairness?.flipped === 'number') return [content, h('span', { class: 'n' }, t('bias.flipped', { flipped: fairness.flipped, n: metric.n }))];
  if (name !== 'fairness.disparate_impact' || metric.value === null) return content;
  const flagged = typeof fairness?.flagged === 'boolean' ? fairness.flagged : metric.value < impactThreshold(metric);
  const groups = fairness?.groups;
  const which = metric.value < 1 && typeof groups?.lowest === 'string' && typeof groups.highest === 'string' ? h('span', { class: 'n' }, t('bias.lowestVsHighest', { lowest: groups.lowest, highest: groups.highest })) : null;
  // A point at or above 4/5 whose interval reaches below it is not a pass: the data cannot tell.
  const ci = metric.ci95;
  const threshold = impactThreshold(metric);
  const inconclusive = !flagged && ci !== undefined && ci[0] < threshold;
  return [content, inconclusive ? flag('unsure', t('bias.inconclusive')) : flag(!flagged, flagged ? t('bias.flagged') : t('bias.ok')), which];
}

/** A flag in an icon and words: pass, fail, or inconclusive. */
function flag(ok: boolean | 'unsure', words: string): HTMLElement {
  const [style, icon] = ok === 'unsure' ? ['flag flag-unsure', '? '] : ok ? ['flag flag-ok', '✓ '] : ['flag flag-bad', '⚠ '];
  return h('span', { class: style, 'data-role': 'four-fifths' }, h('span', { 'aria-hidden': 'true' }, icon), words);
}

function scaled(value: number | null | undefined): number | null {
  return value === null || value === undefined ? null : value * 100;
}
