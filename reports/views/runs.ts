import type { ReportIndex } from '../../lib/report/report-data.ts';
import { h } from '../dom.ts';
import { t } from '../i18n/index.ts';
import { routeHash } from '../router.ts';
import { csvButton, formatDate, section, shortHash, table, verdictBadge } from './common.ts';

/** Every run: spec name, date, candidates, verdict, dataset hash. */
export function runsView(index: ReportIndex): { element: HTMLElement } {
  const rows = index.runs.map((run) => [
    h('a', { href: routeHash({ view: 'overview', runId: run.runId }) }, run.manifest.spec.name),
    formatDate(run.manifest.createdAt),
    h('span', { class: 'candidate-list' }, run.manifest.candidates.map((candidate) => h('span', { class: candidate.kind === 'control' ? 'chip chip-control' : 'chip' }, candidate.id))),
    h('span', { class: 'num' }, run.manifest.plan.items.toLocaleString('en-US')),
    verdictBadge(run.status === 'tampered' ? 'tampered' : run.summary ? (run.summary.passed ? 'pass' : 'fail') : 'incomplete', 'sm', run.summary?.passed),
    shortHash(run.manifest.dataset.sha256),
    h('code', { class: 'small' }, run.runId),
  ]);
  const csvRows = () => [
    ['run_id', 'spec', 'created_at', 'candidates', 'items', 'verdict', 'dataset_sha256'],
    ...index.runs.map((run) => [
      run.runId,
      run.manifest.spec.name,
      run.manifest.createdAt,
      run.manifest.candidates.map((candidate) => candidate.id).join(' '),
      run.manifest.plan.items,
      run.summary ? (run.summary.passed ? 'PASS' : 'FAIL') : 'INCOMPLETE',
      run.manifest.dataset.sha256,
    ]),
  ];
  return {
    element: h(
      'div',
      { class: 'view view-runs' },
      h('header', { class: 'run-header' }, h('h1', null, t('runs.heading')), h('p', { class: 'run-description' }, t('runs.intro'))),
      section(
        { id: 'runs', title: t('runs.heading'), actions: csvButton('runs.csv', csvRows) },
        table({ caption: t('runs.heading'), head: [t('runs.spec'), t('runs.date'), t('runs.candidates'), t('runs.items'), t('runs.verdict'), t('runs.dataset'), t('runs.run')], rows, id: 'runs-table' }),
      ),
    ),
  };
}
