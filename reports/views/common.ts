import type { ReportRun } from '../../lib/report/report-data.ts';
import type { Metric } from '../../lib/results/index.ts';
import { downloadCsv, type CsvCell } from '../csv.ts';
import { button, h, type Child } from '../dom.ts';
import { t, type MessageKey } from '../i18n/index.ts';
import { formatInterval, formatValue, metricKind, scaleNote } from '../metrics.ts';

/** What a view renders: its element, and the charts to create once it is in the document. */
export interface ViewResult {
  readonly element: HTMLElement;
  readonly mounts?: readonly (() => void)[];
  /** Called when the view is replaced (unsubscribe from loaders and the like). */
  readonly dispose?: () => void;
}

/** A section with a heading (linked from its id) and an optional intro paragraph. */
export function section(options: { id: string; title: string; intro?: string; actions?: Child }, ...children: Child[]): HTMLElement {
  return h(
    'section',
    { class: 'card', id: options.id, 'aria-labelledby': `${options.id}-h` },
    h('div', { class: 'card-head' }, h('h2', { id: `${options.id}-h` }, options.title), options.actions ? h('div', { class: 'card-actions' }, options.actions) : null),
    options.intro ? h('p', { class: 'intro' }, options.intro) : null,
    ...children,
  );
}

/** A "Download CSV" button; rows are built only when clicked. */
export function csvButton(fileName: string, rows: () => CsvCell[][]): HTMLButtonElement {
  return button(['⤓ ', t('common.csv')], () => downloadCsv(fileName, rows()), { class: 'btn btn-quiet no-print', 'data-csv': fileName });
}

/** The ids of a run's candidates, models first (replays count as models), then controls. */
export function splitCandidates(run: ReportRun): { models: string[]; controls: string[] } {
  const models: string[] = [];
  const controls: string[] = [];
  for (const candidate of run.manifest.candidates) {
    if (isControl(run, candidate.id)) controls.push(candidate.id);
    else models.push(candidate.id);
  }
  return { models, controls };
}

/**
 * A candidate's colour slot: its place among the models, or among the controls (controls have a
 * palette of their own), so the first model and the first control look the same on every view.
 */
export function colorIndexOf(run: ReportRun, candidateId: string): number {
  const { models, controls } = splitCandidates(run);
  return isControl(run, candidateId) ? controls.indexOf(candidateId) : models.indexOf(candidateId);
}

export function isControl(run: ReportRun, candidateId: string): boolean {
  const kind = run.summary?.candidates[candidateId]?.kind ?? run.manifest.candidates.find((c) => c.id === candidateId)?.kind;
  return kind === 'control';
}

/** A small kind badge: "control" / "replay". */
export function kindBadge(run: ReportRun, candidateId: string): HTMLElement | null {
  const kind = run.summary?.candidates[candidateId]?.kind ?? (run.manifest.candidates.find((c) => c.id === candidateId)?.kind as string | undefined);
  if (kind === 'control') return h('span', { class: 'badge badge-control' }, t('common.control'));
  if (kind === 'replay') return h('span', { class: 'badge' }, t('common.replay'));
  return null;
}

/** A table cell showing a metric: value, interval and n (machine-readable in data- attributes). */
export function metricCell(name: string, metric: Metric | undefined, candidate: string): HTMLTableCellElement {
  const kind = metricKind(name);
  if (!metric) return h('td', { class: 'num muted', 'data-metric': name, 'data-candidate': candidate }, t('common.none'));
  return h(
    'td',
    { class: 'num', 'data-metric': name, 'data-candidate': candidate },
    h('span', { class: 'value', 'data-role': 'value' }, formatValue(kind, metric.value)),
    metric.ci95 ? h('span', { class: 'ci', 'data-role': 'ci' }, ` ${formatInterval(kind, metric.ci95)}`) : null,
    h('span', { class: 'n', 'data-role': 'n' }, `n=${metric.n.toLocaleString('en-US')}`),
  );
}

/** A prompt message's role in the reader's language (roles outside the chat three stay as recorded). */
export function roleLabel(role: string): string {
  return role === 'system' || role === 'user' || role === 'assistant' ? t(`role.${role}` as MessageKey) : role;
}

/** The metric's display scale in words, when it differs from summary.json's (BBQ bias ×100). */
export function scaleTag(name: string): HTMLElement | null {
  const note = scaleNote(name);
  return note ? h('span', { class: 'scale-note', 'data-scale-of': name }, note) : null;
}

/** Pass/fail in an icon and a word (never colour alone). */
export function verdictBadge(state: 'pass' | 'fail' | 'incomplete' | 'tampered', size: 'sm' | 'lg' = 'sm', claimed?: boolean): HTMLElement {
  const icon = state === 'pass' ? '✓' : state === 'fail' ? '✗' : state === 'tampered' ? '⚠' : '…';
  const word =
    state === 'pass'
      ? t('verdict.pass')
      : state === 'fail'
        ? t('verdict.fail')
        : state === 'tampered'
          ? `${t('verdict.tampered')} (${t('verdict.claims', { verdict: claimed ? t('verdict.pass') : t('verdict.fail') })})`
          : t('verdict.incomplete');
  return h('span', { class: `verdict verdict-${state} verdict-${size}`, 'data-verdict': state }, h('span', { 'aria-hidden': 'true', class: 'verdict-icon' }, icon), ` ${word}`);
}

/** A short hash for tables (full hash in the title and in Provenance). */
export function shortHash(hash: string): HTMLElement {
  return h('code', { title: hash }, hash.slice(0, 12));
}

/** A date in the reader's locale and time zone. */
export function formatDate(iso: string | undefined): string {
  if (!iso) return t('common.none');
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(document.documentElement.lang || 'en', { dateStyle: 'medium', timeStyle: 'short' });
}

/** A table with a caption, a header row and body rows. */
export function table(options: { caption?: string; head: Child[]; rows: Child[][]; className?: string; id?: string }): HTMLElement {
  const labels = options.head.map(cellLabel);
  return h(
    'div',
    { class: 'table-wrap', role: 'region', 'aria-label': options.caption ?? '', tabindex: '0' },
    h(
      'table',
      { class: options.className ?? 'data', id: options.id },
      options.caption ? h('caption', { class: 'sr-only' }, options.caption) : null,
      h('thead', null, h('tr', null, options.head.map((cell) => h('th', { scope: 'col' }, cell)))),
      h('tbody', null, options.rows.map((row) => h('tr', null, row.map((cell, index) => (index === 0 ? h('th', { scope: 'row' }, cell) : h('td', { 'data-label': labels[index] }, cell)))))),
    ),
  );
}

/** The text of a header cell, repeated on each body cell so a phone can stack rows into cards (styles.css). */
export function cellLabel(cell: Child): string {
  return textOf(cell).replace(/\s+/g, ' ').trim();
}

function textOf(child: Child): string {
  if (child === null || child === undefined || child === false) return '';
  if (Array.isArray(child)) return child.map(textOf).join('');
  return child instanceof Node ? (child.textContent ?? '') : String(child);
}
