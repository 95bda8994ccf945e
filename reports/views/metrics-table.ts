import type { ReportRun } from '../../lib/report/report-data.ts';
import { h } from '../dom.ts';
import { t, type MessageKey } from '../i18n/index.ts';
import { FAMILY_ORDER, metricFamily, metricLabel, metricNames } from '../metrics.ts';
import { csvButton, kindBadge, metricCell, section, splitCandidates } from './common.ts';

/**
 * Candidates × metrics: one row per metric (grouped by family), one column per candidate,
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
  const body = h('tbody', null);
  for (const family of FAMILY_ORDER) {
    const inFamily = names.filter((name) => metricFamily(name) === family);
    if (inFamily.length === 0) continue;
    body.appendChild(h('tr', { class: 'family' }, h('th', { scope: 'rowgroup', colspan: order.length + 1 }, t(`family.${family}` as MessageKey))));
    for (const name of inFamily) {
      body.appendChild(
        h(
          'tr',
          { 'data-row-metric': name },
          h(
            'th',
            { scope: 'row' },
            h('span', { class: 'metric-label' }, metricLabel(name)),
            metricLabel(name) !== name ? h('code', { class: 'metric-name' }, name) : null,
            signatureOf(name, order.map((id) => summary.candidates[id]!.metrics[name])),
          ),
          order.map((id) => {
            const cell = metricCell(name, summary.candidates[id]!.metrics[name], id);
            if (id === controls[0]) cell.classList.add('controls-start');
            return cell;
          }),
        ),
      );
    }
  }
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
    { id: 'metrics', title: t('overview.metricsHeading'), intro: t('overview.metricsIntro'), actions: csvButton(`${run.runId}-metrics.csv`, csvRows) },
    h(
      'div',
      { class: 'table-wrap', role: 'region', 'aria-labelledby': 'metrics-h', tabindex: '0' },
      h('table', { class: 'data metrics-table', id: 'metrics-table' }, h('caption', { class: 'sr-only' }, t('overview.metricsHeading')), h('thead', null, groupHead, head), body),
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
