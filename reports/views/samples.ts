import type { ReportRun, SampleRow } from '../../lib/report/report-data.ts';
import { FileProtocolError, runSamples } from '../data.ts';
import { downloadCsv } from '../csv.ts';
import { button, clear, h, on, select } from '../dom.ts';
import { t } from '../i18n/index.ts';
import { routeHash, type Route } from '../router.ts';
import { roleLabel } from './common.ts';
import { runHeader } from './overview.ts';
import { applyFilter, filterFromParams, filterToParams, type SampleFilter } from './sample-filter.ts';

const PAGE_SIZES = ['25', '50', '100', '200'];
const PREVIEW_CHARS = 280;

/**
 * Every record, filterable by candidate, result, category and text, paged. Rows load chunk by
 * chunk; the first page shows as soon as the first chunk is in, and only one page of rows is
 * ever in the DOM, so 100,000 records page as fast as 300.
 */
export function samplesView(run: ReportRun, route: Route): { element: HTMLElement; dispose: () => void } {
  const samples = runSamples(run);
  let filter = filterFromParams(route.params);
  let page = Math.max(1, Number(route.params.get('p')) || 1);
  let pageSize = PAGE_SIZES.includes(route.params.get('size') ?? '') ? Number(route.params.get('size')) : 50;
  // Side by side (one row per sample, a column per candidate, the input shown) is how outputs are
  // compared; one row per record is how they are filtered and exported. The choice is in the URL.
  const sideBySideFits = run.samples.candidates.length > 1;
  let layout: 'side' | 'records' = route.params.get('layout') === 'records' || !sideBySideFits ? 'records' : 'side';
  let matches: number[] = [];
  let groups: SampleGroup[] = [];
  let filteredAt = -1;
  const thead = h('thead', null);

  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite', id: 'samples-status' });
  const tbody = h('tbody', { id: 'samples-body' });
  const pageLabel = h('span', { class: 'page-label', id: 'samples-page' });
  const prev = button(['‹ ', t('samples.prev')], () => goTo(page - 1), { class: 'btn', id: 'samples-prev' });
  const next = button([t('samples.next'), ' ›'], () => goTo(page + 1), { class: 'btn', id: 'samples-next' });

  const search = h('input', { type: 'search', id: 'samples-q', value: filter.text, placeholder: t('samples.searchPlaceholder'), autocomplete: 'off' });
  let searchTimer: ReturnType<typeof setTimeout> | undefined;
  on(search, 'input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => update({ ...filter, text: search.value }), 150);
  });
  const choices = (values: readonly string[]): [string, string][] => [['', t('samples.all')], ...values.map((value): [string, string] => [value, value])];
  const controls = h(
    'div',
    { class: 'filters no-print', role: 'search' },
    select({ id: 'samples-c', label: t('samples.candidate'), value: filter.candidate, choices: choices(run.samples.candidates), onChange: (value) => update({ ...filter, candidate: value }) }),
    select({
      id: 'samples-r',
      label: t('samples.result'),
      value: filter.result,
      choices: [['', t('samples.all')], ['pass', `✓ ${t('samples.pass')}`], ['fail', `✗ ${t('samples.fail')}`], ['error', `⚠ ${t('samples.error')}`]],
      onChange: (value) => update({ ...filter, result: value as SampleFilter['result'] }),
    }),
    run.samples.categories.length > 0
      ? select({ id: 'samples-cat', label: t('samples.category'), value: filter.category, choices: choices(run.samples.categories), onChange: (value) => update({ ...filter, category: value }) })
      : null,
    h('label', { class: 'field field-grow', for: 'samples-q' }, h('span', { class: 'field-label' }, t('samples.search')), search),
    sideBySideFits
      ? select({ id: 'samples-layout', label: t('samples.layout'), value: layout, choices: [['side', t('samples.layoutSide')], ['records', t('samples.layoutRecords')]], onChange: (value) => { layout = value === 'records' ? 'records' : 'side'; page = 1; render(); } })
      : null,
    select({ id: 'samples-size', label: t('samples.pageSize'), value: String(pageSize), choices: PAGE_SIZES.map((size): [string, string] => [size, size]), onChange: (value) => { pageSize = Number(value); page = 1; render(); } }),
  );
  const csv = button(['⤓ ', t('common.csv')], () => exportCsv(), { class: 'btn btn-quiet no-print', 'data-csv': 'samples' });
  const element = h(
    'div',
    { class: 'view view-samples' },
    runHeader(run),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'samples-h' },
      h('div', { class: 'card-head' }, h('h2', { id: 'samples-h' }, t('samples.heading')), h('div', { class: 'card-actions' }, csv)),
      controls,
      status,
      h(
        'div',
        { class: 'table-wrap', role: 'region', 'aria-labelledby': 'samples-h', tabindex: '0' },
        h(
          'table',
          { class: 'data samples-table', id: 'samples-table' },
          h('caption', { class: 'sr-only' }, t('samples.heading')),
          thead,
          tbody,
        ),
      ),
      h('nav', { class: 'pager no-print', 'aria-label': t('samples.page', { page: '', pages: '' }) }, prev, pageLabel, next),
    ),
  );

  function update(nextFilter: SampleFilter): void {
    filter = nextFilter;
    page = 1;
    filteredAt = -1;
    render();
  }

  function goTo(target: number): void {
    page = target;
    render();
    tbody.closest('.table-wrap')?.scrollTo({ top: 0 });
  }

  function render(): void {
    if (filteredAt !== samples.rows.length) {
      matches = applyFilter(samples.rows, filter);
      groups = groupBySample(samples.rows, matches);
      filteredAt = samples.rows.length;
    }
    const side = layout === 'side';
    const columns = side ? sideColumns(run, filter) : [];
    const units = side ? groups.length : matches.length;
    const pages = Math.max(1, Math.ceil(units / pageSize));
    page = Math.min(Math.max(1, page), pages);
    clear(thead);
    clear(tbody);
    const head = side
      ? [t('samples.sample'), t('samples.input'), t('samples.reference'), ...columns]
      : [t('samples.sample'), t('samples.candidate'), t('samples.category'), t('samples.result'), t('samples.output'), t('samples.reference'), t('samples.latency'), t('samples.attempts')];
    thead.appendChild(h('tr', null, head.map((label) => h('th', { scope: 'col' }, label))));
    element.querySelector('.samples-table')?.classList.toggle('samples-side', side);
    const start = (page - 1) * pageSize;
    const fragment = document.createDocumentFragment();
    if (side) for (const group of groups.slice(start, start + pageSize)) fragment.appendChild(sideRow(run, group, columns, samples.rows));
    else for (const index of matches.slice(start, start + pageSize)) fragment.appendChild(sampleRow(run, samples.rows[index]!));
    if (units === 0 && samples.complete) fragment.appendChild(h('tr', null, h('td', { colspan: head.length, class: 'empty' }, t('samples.none'))));
    tbody.appendChild(fragment);
    pageLabel.textContent = t('samples.page', { page: page.toLocaleString('en-US'), pages: pages.toLocaleString('en-US') });
    prev.disabled = page <= 1;
    next.disabled = page >= pages;
    status.textContent = statusText();
    const params = { ...filterToParams(filter), ...(page > 1 && { p: String(page) }), ...(pageSize !== 50 && { size: String(pageSize) }), ...(sideBySideFits && layout === 'records' && { layout: 'records' }) };
    history.replaceState(null, '', routeHash({ view: 'samples', runId: run.runId, params }));
    document.documentElement.dataset.samplesPage = String(page);
  }

  function statusText(): string {
    if (samples.error) return samples.error instanceof FileProtocolError ? t('app.loadFailedFile') : t('app.loadFailed', { message: samples.error.message });
    const count =
      layout === 'side'
        ? t('samples.countSide', { samples: groups.length.toLocaleString('en-US'), matching: matches.length.toLocaleString('en-US'), total: samples.rows.length.toLocaleString('en-US') })
        : t('samples.count', { matching: matches.length.toLocaleString('en-US'), total: samples.rows.length.toLocaleString('en-US') });
    return samples.complete ? count : `${t('samples.loading', { loaded: samples.rows.length.toLocaleString('en-US'), total: samples.total.toLocaleString('en-US') })} ${count}`;
  }

  function exportCsv(): void {
    const rows = matches.map((index) => samples.rows[index]!);
    downloadCsv(`${run.runId}-samples.csv`, [
      ['item_id', 'sample_id', 'candidate', 'repeat', 'category', 'result', 'error_code', 'latency_ms', 'ttft_ms', 'attempts', 'prompt', 'output', 'reference'],
      ...rows.map((row) => [row.itemId, row.sampleId, row.candidate, row.repeat, row.category, resultWord(row), row.error?.code, row.latencyMs, row.ttftMs, row.attempts, lastUserMessage(row), row.output, row.reference]),
    ]);
  }

  const unsubscribe = samples.subscribe(() => {
    // While chunks stream in, refresh only when the visible page is not yet full or loading ends.
    if (samples.complete || (layout === 'side' ? groups.length : matches.length) < page * pageSize) render();
    else status.textContent = statusText();
  });
  samples.load();
  queueMicrotask(render);
  return { element, dispose: unsubscribe };
}

/** One sample (and repeat) with the records of every candidate for it, in plan order. */
interface SampleGroup {
  readonly key: string;
  /** The first matching record: its sample, input and reference head the row. */
  readonly first: number;
  /** Record index per candidate (every candidate's record of this sample, matching or not). */
  readonly byCandidate: Map<string, number>;
}

/**
 * The samples that have at least one matching record, each with all its candidates' records, so
 * a filter such as "failed" shows what the other candidates answered to the same input.
 */
function groupBySample(rows: readonly SampleRow[], matches: readonly number[]): SampleGroup[] {
  const keyOf = (row: SampleRow) => `${row.sampleId}\u001f${row.repeat}`;
  const all = new Map<string, Map<string, number>>();
  rows.forEach((row, index) => {
    const key = keyOf(row);
    const candidates = all.get(key) ?? new Map<string, number>();
    if (!candidates.has(row.candidate)) candidates.set(row.candidate, index);
    all.set(key, candidates);
  });
  const seen = new Set<string>();
  const groups: SampleGroup[] = [];
  for (const index of matches) {
    const key = keyOf(rows[index]!);
    if (seen.has(key)) continue;
    seen.add(key);
    groups.push({ key, first: index, byCandidate: all.get(key)! });
  }
  return groups;
}

/** The candidate columns of the side-by-side table: every candidate, or the one filtered for. */
function sideColumns(run: ReportRun, filter: SampleFilter): string[] {
  return filter.candidate ? [filter.candidate] : [...run.samples.candidates];
}

function sideRow(run: ReportRun, group: SampleGroup, columns: readonly string[], rows: readonly SampleRow[]): HTMLTableRowElement {
  const head = rows[group.first]!;
  return h(
    'tr',
    { 'data-sample': head.sampleId, 'data-repeat': String(head.repeat) },
    h('td', null, head.sampleId, head.repeat > 0 ? h('span', { class: 'muted' }, ` #${head.repeat}`) : null, head.category ? h('div', { class: 'muted' }, head.category) : null),
    h('td', { class: 'text-cell', 'data-col': 'input', 'data-label': t('samples.input') }, head.prompt.map((message) => h('div', { class: `msg msg-${message.role}` }, h('span', { class: 'msg-role' }, roleLabel(message.role)), ' ', truncate(message.content)))),
    h('td', { class: 'text-cell', 'data-col': 'reference', 'data-label': t('samples.reference') }, truncate(head.reference ?? '')),
    ...columns.map((candidate) => {
      const index = group.byCandidate.get(candidate);
      const row = index === undefined ? undefined : rows[index];
      if (!row) return h('td', { 'data-candidate': candidate, 'data-label': candidate }, t('common.none'));
      const href = routeHash({ view: 'sample', runId: run.runId, itemId: row.itemId });
      return h(
        'td',
        { class: 'text-cell', 'data-candidate': candidate, 'data-item': row.itemId, 'data-label': candidate },
        h('div', { class: 'side-head' }, resultBadge(row), ' ', h('a', { href, 'aria-label': t('samples.open', { id: row.itemId }) }, t('samples.details'))),
        h('div', { 'data-col': 'output' }, row.error ? h('span', { class: 'muted' }, `${row.error.code}: ${truncate(row.error.message)}`) : truncate(row.output ?? t('samples.noOutput'))),
      );
    }),
  );
}

function sampleRow(run: ReportRun, row: SampleRow): HTMLTableRowElement {
  const href = routeHash({ view: 'sample', runId: run.runId, itemId: row.itemId });
  return h(
    'tr',
    { 'data-item': row.itemId, class: row.error ? 'row-error' : row.pass === false ? 'row-fail' : '' },
    h('td', null, h('a', { href, 'aria-label': t('samples.open', { id: row.itemId }) }, row.sampleId), row.repeat > 0 ? h('span', { class: 'muted' }, ` #${row.repeat}`) : null),
    h('td', null, row.candidate),
    h('td', null, row.category ?? ''),
    h('td', null, resultBadge(row)),
    h('td', { class: 'text-cell', 'data-col': 'output' }, row.error ? h('span', { class: 'muted' }, `${row.error.code}: ${truncate(row.error.message)}`) : truncate(row.output ?? t('samples.noOutput'))),
    h('td', { class: 'text-cell' }, truncate(row.reference ?? '')),
    h('td', { class: 'num' }, row.latencyMs === null ? '—' : `${Math.round(row.latencyMs)} ms`),
    h('td', { class: 'num' }, String(row.attempts)),
  );
}

/** Pass/fail/error in an icon and a word. */
export function resultBadge(row: SampleRow): HTMLElement {
  const state = row.error ? 'error' : row.pass === true ? 'pass' : row.pass === false ? 'fail' : 'none';
  const icon = state === 'pass' ? '✓' : state === 'fail' ? '✗' : state === 'error' ? '⚠' : '·';
  return h('span', { class: `result result-${state}`, 'data-result': state }, h('span', { 'aria-hidden': 'true' }, `${icon} `), resultWord(row));
}

function resultWord(row: SampleRow): string {
  if (row.error) return t('samples.error');
  if (row.pass === null) return t('common.none');
  return row.pass ? t('samples.pass') : t('samples.fail');
}

function truncate(text: string): string {
  return text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS)}…` : text;
}

export function lastUserMessage(row: SampleRow): string {
  return [...row.prompt].reverse().find((message) => message.role === 'user')?.content ?? '';
}
