import type { ReportRun } from '../../lib/report/report-data.ts';
import { button, h } from '../dom.ts';
import { t, type MessageKey } from '../i18n/index.ts';
import { FAMILY_ORDER, metricFamily, metricLabel, metricNames, type MetricFamily } from '../metrics.ts';
import { csvButton, kindBadge, metricCell, scaleTag, section, splitCandidates } from './common.ts';

/** Up to this many metric rows the table opens whole; beyond it, only the families a reader checks first. */
const OPEN_ALL_UP_TO = 14;

/**
 * Candidates × metrics: one row per metric in collapsible family groups, one column per candidate,
 * models first and controls in their own column group, every cell with its 95% interval and n.
 * Any metric in summary.json shows up, named or not.
 */
export function metricsTable(run: ReportRun): HTMLElement | null {
  const summary = run.summary;
  if (!summary) return null;
  const { models, controls } = splitCandidates(run);
  const order = [...models, ...controls].filter((id) => summary.candidates[id]);
  const names = metricNames(order.map((id) => summary.candidates[id]!));
  const groupHead = h(
    'tr',
    { class: 'group-head' },
    h('td', null),
    models.length > 0 ? h('th', { scope: 'colgroup', colspan: models.length }, t('overview.models')) : null,
    controls.length > 0 ? h('th', { scope: 'colgroup', colspan: controls.length, class: 'controls-start' }, t('overview.controls')) : null,
  );
  const head = h(
    'tr',
    null,
    h('th', { scope: 'col' }, t('overview.metric')),
    order.map((id) => h('th', { scope: 'col', class: controls.includes(id) && id === controls[0] ? 'num controls-start' : 'num' }, id, ' ', kindBadge(run, id))),
  );
  const gated = new Set(summary.gates.map((gate) => gate.metric));
  const families = FAMILY_ORDER.map((family) => ({ family, names: names.filter((name) => metricFamily(name, firstMetric(name)) === family) })).filter((group) => group.names.length > 0);
  // A long table opens on what a reader checks first: quality and whatever a gate looks at.
  const openAll = names.length <= OPEN_ALL_UP_TO;
  const groups = families.map(({ family, names: inFamily }, index) => {
    const open = openAll || family === 'quality' || inFamily.some((name) => gated.has(name)) || index === 0;
    return familyGroup(family, inFamily, open);
  });
  function firstMetric(name: string) {
    return order.map((id) => summary!.candidates[id]!.metrics[name]).find(Boolean);
  }
  function familyGroup(family: MetricFamily, inFamily: readonly string[], open: boolean): { body: HTMLElement; setOpen: (open: boolean) => void } {
    const rows = inFamily.map((name) =>
      h(
        'tr',
        { 'data-row-metric': name, class: 'metric-row', hidden: !open },
        h(
          'th',
          { scope: 'row' },
          h('span', { class: 'metric-label' }, metricLabel(name)),
          metricLabel(name) !== name ? h('code', { class: 'metric-name' }, name) : null,
          scaleTag(name),
          signatureOf(name, order.map((id) => summary!.candidates[id]!.metrics[name])),
        ),
        order.map((id) => {
          const cell = metricCell(name, summary!.candidates[id]!.metrics[name], id);
          cell.setAttribute('data-label', id);
          if (id === controls[0]) cell.classList.add('controls-start');
          return cell;
        }),
      ),
    );
    const toggle = button([h('span', { class: 'family-caret', 'aria-hidden': 'true' }), t(`family.${family}` as MessageKey), ' ', h('span', { class: 'family-count' }, t(inFamily.length === 1 ? 'overview.familyCountOne' : 'overview.familyCount', { count: inFamily.length }))], () => setOpen(toggle.getAttribute('aria-expanded') !== 'true'), {
      class: 'family-toggle',
      'aria-expanded': open ? 'true' : 'false',
      'data-family': family,
    });
    const setOpen = (next: boolean) => {
      toggle.setAttribute('aria-expanded', next ? 'true' : 'false');
      for (const row of rows) row.hidden = !next;
    };
    const body = h('tbody', { 'data-family': family }, h('tr', { class: 'family' }, h('th', { scope: 'rowgroup', colspan: order.length + 1 }, toggle)), rows);
    return { body, setOpen };
  }
  const setAll = (open: boolean) => {
    for (const group of groups) group.setOpen(open);
  };
  const allButtons = h(
    'span',
    { class: 'family-all no-print' },
    button(t('overview.expandAll'), () => setAll(true), { class: 'btn btn-quiet', id: 'metrics-expand' }),
    button(t('overview.collapseAll'), () => setAll(false), { class: 'btn btn-quiet', id: 'metrics-collapse' }),
  );
  const csvRows = () => [
    ['candidate', 'kind', 'metric', 'value', 'ci95_low', 'ci95_high', 'n'],
    ...order.flatMap((id) =>
      names
        .filter((name) => summary.candidates[id]!.metrics[name])
        .map((name) => {
          const metric = summary.candidates[id]!.metrics[name]!;
          return [id, summary.candidates[id]!.kind ?? 'model', name, metric.value, metric.ci95?.[0], metric.ci95?.[1], metric.n];
        }),
    ),
  ];
  return section(
    { id: 'metrics', title: t('overview.metricsHeading'), intro: t('overview.metricsIntro'), actions: [allButtons, csvButton(`${run.runId}-metrics.csv`, csvRows)] },
    h(
      'div',
      { class: 'table-wrap', role: 'region', 'aria-labelledby': 'metrics-h', tabindex: '0' },
      h('table', { class: 'data metrics-table', id: 'metrics-table' }, h('caption', { class: 'sr-only' }, t('overview.metricsHeading')), h('thead', null, groupHead, head), groups.map((group) => group.body)),
    ),
  );
}

/**
 * The reference tool's signature of a metric (sacreBLEU's `nrefs:…|tok:13a|…|version:2.6.0`,
 * rouge-score's), shown with its name: a BLEU without its signature is not comparable.
 */
function signatureOf(name: string, metrics: readonly (Record<string, unknown> | undefined)[]): HTMLElement | null {
  const signatures = [...new Set(metrics.map((metric) => metric?.signature).filter((value): value is string => typeof value === 'string'))];
  if (signatures.length === 0) return null;
  return h('code', { class: 'metric-signature', 'data-signature-of': name }, signatures.join(' / '));
}
