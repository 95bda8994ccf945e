import type { ReportRun, SampleRow } from '../../lib/report/report-data.ts';
import { FileProtocolError, runSamples } from '../data.ts';
import { clear, h, type Child } from '../dom.ts';
import { t } from '../i18n/index.ts';
import { routeHash } from '../router.ts';
import { formatDate, kindBadge, roleLabel } from './common.ts';
import { runHeader } from './overview.ts';
import { resultBadge } from './samples.ts';
import { sampleTrust } from './sample-trust.ts';
import { judgeSections } from './judge-detail.ts';

/** One record in full, reachable by URL: prompt, output, reference, scores, timings, error. */
export function sampleDetailView(run: ReportRun, itemId: string): { element: HTMLElement; dispose: () => void } {
  const samples = runSamples(run);
  const body = h('div', { class: 'sample-detail', 'aria-live': 'polite' }, h('p', { class: 'status' }, t('samples.loading', { loaded: 0, total: samples.total })));
  const element = h(
    'div',
    { class: 'view view-sample' },
    runHeader(run),
    h('p', { class: 'no-print' }, h('a', { href: routeHash({ view: 'samples', runId: run.runId }) }, `‹ ${t('samples.back')}`)),
    body,
  );
  let shown = false;
  const show = (): void => {
    if (shown) return;
    const row = samples.find(itemId);
    if (row) {
      shown = true;
      clear(body);
      body.appendChild(detail(run, row));
      return;
    }
    if (!samples.complete) {
      clear(body);
      body.appendChild(h('p', { class: 'status' }, t('samples.loading', { loaded: samples.rows.length.toLocaleString('en-US'), total: samples.total.toLocaleString('en-US') })));
      return;
    }
    shown = true;
    clear(body);
    const message = samples.error
      ? samples.error instanceof FileProtocolError
        ? t('app.loadFailedFile')
        : t('app.loadFailed', { message: samples.error.message })
      : t('samples.notFound', { id: itemId });
    body.appendChild(h('p', { class: 'empty' }, message));
  };
  const unsubscribe = samples.subscribe(show);
  samples.load();
  queueMicrotask(show);
  return { element, dispose: unsubscribe };
}

function detail(run: ReportRun, row: SampleRow): HTMLElement {
  const facts: [string, Child][] = [
    [t('samples.candidate'), [row.candidate, ' ', kindBadge(run, row.candidate)]],
    [t('samples.result'), resultBadge(row)],
    [t('samples.category'), row.category ?? t('common.none')],
    [t('samples.repeat'), String(row.repeat)],
    [t('samples.latency'), row.latencyMs === null ? t('common.none') : `${row.latencyMs.toFixed(1)} ms`],
    [t('samples.ttft'), row.ttftMs === null ? t('common.none') : `${row.ttftMs.toFixed(1)} ms`],
    [t('samples.attempts'), String(row.attempts)],
    [t('samples.usage'), row.usage ? `${row.usage.inputTokens} / ${row.usage.outputTokens}` : t('common.none')],
    [t('samples.time'), `${formatDate(row.startedAt)} – ${formatDate(row.finishedAt)}`],
  ];
  if (row.error) facts.push([t('samples.errorCode'), `${row.error.code}${row.error.status ? ` (HTTP ${row.error.status})` : ''}: ${row.error.message}`]);
  const link = `${location.href.split('#')[0]}${routeHash({ view: 'sample', runId: run.runId, itemId: row.itemId })}`;
  return h(
    'article',
    { class: 'card', 'data-item': row.itemId, 'aria-labelledby': 'sample-h' },
    h('h2', { id: 'sample-h' }, row.sampleId, ' · ', row.candidate),
    h('p', { class: 'muted small' }, `${t('samples.link')}: `, h('code', { class: 'break' }, link)),
    h('dl', { class: 'facts' }, facts.map(([term, value]) => [h('dt', null, term), h('dd', null, value)])),
    sampleTrust(run, row),
    h('h3', null, t('samples.prompt')),
    row.prompt.map((message) => h('div', { class: `message message-${message.role}` }, h('div', { class: 'message-role' }, roleLabel(message.role)), h('pre', { class: 'text' }, message.content))),
    h('div', { class: 'two-col' },
      h('div', null, h('h3', null, t('samples.output')), h('pre', { class: 'text', 'data-field': 'output' }, row.output ?? t('samples.noOutput'))),
      h('div', null, h('h3', null, t('samples.reference')), h('pre', { class: 'text', 'data-field': 'reference' }, row.reference ?? t('common.none'))),
    ),
    judgeSections(row),
    h('h3', null, t('samples.scores')),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'data' },
        h('thead', null, h('tr', null, [t('samples.scorer'), t('samples.value'), t('samples.result'), t('samples.detail')].map((label) => h('th', { scope: 'col' }, label)))),
        h(
          'tbody',
          null,
          Object.entries(row.scores).map(([id, score]) =>
            h(
              'tr',
              null,
              h('th', { scope: 'row' }, id),
              h('td', { class: 'num' }, score.value.toFixed(3)),
              h('td', null, h('span', { class: `result result-${score.pass ? 'pass' : 'fail'}` }, score.pass ? `✓ ${t('samples.pass')}` : `✗ ${t('samples.fail')}`)),
              h('td', null, score.detail ? h('code', { class: 'break' }, JSON.stringify(score.detail)) : ''),
            ),
          ),
        ),
      ),
    ),
  );
}
