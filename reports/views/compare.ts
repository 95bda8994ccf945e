import type { ReportIndex, ReportRun, SampleRow } from '../../lib/report/report-data.ts';
import type { Metric } from '../../lib/results/index.ts';
import { mcnemarExact } from '../../lib/stats/index.ts';
import { runSamples } from '../data.ts';
import { clear, h, select, type Child } from '../dom.ts';
import { t } from '../i18n/index.ts';
import { formatInterval, formatP, formatValue, metricKind, metricLabel, metricNames } from '../metrics.ts';
import { routeHash, type Route } from '../router.ts';
import { comparisonsOf, comparisonsTable, formatDelta, formatDeltaInterval, reverseComparison, significanceWord, type ComparisonEntry } from './comparisons-table.ts';
import { csvButton, section, table } from './common.ts';

interface Side {
  readonly run: ReportRun;
  readonly candidate: string;
}

const SEPARATOR = '|';
const FLIPS_SHOWN = 100;

/** Two candidates (same run or two runs): metric deltas with intervals and p-values, and the samples that flipped. */
export function compareView(index: ReportIndex, route: Route): { element: HTMLElement; dispose: () => void } {
  const runs = index.runs.filter((run) => run.summary);
  const options = runs.flatMap((run) => run.manifest.candidates.map((candidate): [string, string] => [`${run.runId}${SEPARATOR}${candidate.id}`, `${candidate.id} · ${run.manifest.spec.name} · ${run.runId}`]));
  const [defaultA, defaultB] = defaults(runs);
  const a = parseSide(runs, route.params.get('a')) ?? defaultA;
  const b = parseSide(runs, route.params.get('b')) ?? defaultB;
  const navigate = (which: 'a' | 'b', value: string) => {
    const params = { a: keyOf(a), b: keyOf(b), [which]: value };
    location.hash = routeHash({ view: 'compare', params: params as Record<string, string> });
  };
  const pickers = h(
    'div',
    { class: 'filters no-print' },
    select({ id: 'compare-a', label: t('compare.a'), value: a ? keyOf(a) : '', choices: options, onChange: (value) => navigate('a', value) }),
    select({ id: 'compare-b', label: t('compare.b'), value: b ? keyOf(b) : '', choices: options, onChange: (value) => navigate('b', value) }),
  );
  const flips = h('div', { class: 'flips', 'aria-live': 'polite' });
  const element = h(
    'div',
    { class: 'view view-compare' },
    h('header', { class: 'run-header' }, h('h1', null, t('compare.heading')), h('p', { class: 'run-description' }, t('compare.intro'))),
    h('section', { class: 'card' }, pickers),
  );
  let dispose = () => {};
  if (!a || !b || keyOf(a) === keyOf(b)) {
    element.appendChild(h('section', { class: 'card' }, h('p', { class: 'empty' }, t('compare.same'))));
  } else {
    element.appendChild(deltaSection(a, b));
    element.appendChild(section({ id: 'flips', title: t('compare.flipsHeading'), intro: t('compare.flipsIntro') }, flips));
    dispose = loadFlips(a, b, flips);
    for (const run of new Set([a.run, b.run])) {
      if (comparisonsOf(run).length > 0) element.appendChild(section({ id: `comparisons-${run.key}`, title: `${t('compare.summaryHeading')} — ${run.runId}` }, comparisonsTable(run)));
    }
  }
  return { element, dispose: () => dispose() };
}

function keyOf(side: Side | null): string {
  return side ? `${side.run.runId}${SEPARATOR}${side.candidate}` : '';
}

function parseSide(runs: readonly ReportRun[], value: string | null): Side | null {
  if (!value) return null;
  const at = value.lastIndexOf(SEPARATOR);
  const run = runs.find((candidate) => candidate.runId === value.slice(0, at));
  const candidate = value.slice(at + 1);
  return run?.manifest.candidates.some((c) => c.id === candidate) ? { run, candidate } : null;
}

/** The latest run's first recorded comparison, else its first two models, else its first two candidates. */
function defaults(runs: readonly ReportRun[]): [Side | null, Side | null] {
  const run = runs[0];
  if (!run) return [null, null];
  const ids = run.manifest.candidates.map((candidate) => candidate.id);
  const recorded = comparisonsOf(run).find((entry) => entry.a && entry.b && ids.includes(entry.a) && ids.includes(entry.b));
  if (recorded) return [{ run, candidate: recorded.a! }, { run, candidate: recorded.b! }];
  const models = run.manifest.candidates.filter((candidate) => candidate.kind !== 'control').map((candidate) => candidate.id);
  const pick = models.length >= 2 ? models : ids;
  return [pick[0] ? { run, candidate: pick[0] } : null, pick[1] ? { run, candidate: pick[1] } : null];
}

function deltaSection(a: Side, b: Side): HTMLElement {
  const metricsA = a.run.summary!.candidates[a.candidate]?.metrics ?? {};
  const metricsB = b.run.summary!.candidates[b.candidate]?.metrics ?? {};
  const names = metricNames([{ metrics: metricsA }, { metrics: metricsB }]).filter((name) => metricsA[name] && metricsB[name]);
  const recorded = a.run === b.run ? comparisonsOf(a.run) : [];
  const rows = names.map((name) => {
    const kind = metricKind(name);
    const entry = findComparison(recorded, a.candidate, b.candidate, name);
    const diff = entry?.diff ?? difference(metricsA[name], metricsB[name]);
    return {
      name,
      entry,
      diff,
      cells: [
        metricLabel(name),
        cell(kind, metricsA[name]!),
        cell(kind, metricsB[name]!),
        h('span', { class: 'num', 'data-delta': name }, formatDelta(kind, diff)),
        h('span', { class: 'num' }, formatDeltaInterval(kind, entry?.ci95)),
        h('span', { class: 'num', 'data-role': 'p-adjusted' }, formatP(entry?.pAdjusted), entry ? h('span', { class: 'muted' }, ` ${significanceWord(entry)}`) : null),
        entry?.test ?? t('common.none'),
      ] as Child[],
    };
  });
  const csvRows = () => [
    ['metric', 'a', 'a_value', 'b', 'b_value', 'diff_b_minus_a', 'ci95_low', 'ci95_high', 'p_value', 'p_holm', 'significant', 'test'],
    ...rows.map((row) => [row.name, `${a.run.runId}/${a.candidate}`, metricsA[row.name]!.value, `${b.run.runId}/${b.candidate}`, metricsB[row.name]!.value, row.diff, row.entry?.ci95?.[0], row.entry?.ci95?.[1], row.entry?.pValue, row.entry?.pAdjusted, row.entry?.significant, row.entry?.test]),
  ];
  return section(
    { id: 'deltas', title: `${a.candidate} → ${b.candidate}`, actions: csvButton('compare.csv', csvRows) },
    table({ caption: t('compare.heading'), head: [t('overview.metric'), `A: ${a.candidate}`, `B: ${b.candidate}`, t('compare.delta'), t('compare.ci'), t('compare.pAdjusted'), t('compare.test')], rows: rows.map((row) => row.cells), id: 'compare-table' }),
  );
}

/** A recorded comparison for (a, b, metric); a reversed one is flipped to read B − A. */
function findComparison(entries: readonly ComparisonEntry[], a: string, b: string, metric: string): ComparisonEntry | undefined {
  const direct = entries.find((entry) => entry.a === a && entry.b === b && entry.metric === metric);
  if (direct) return direct;
  const reversed = entries.find((entry) => entry.a === b && entry.b === a && entry.metric === metric);
  return reversed ? reverseComparison(reversed) : undefined;
}

function difference(a: Metric | undefined, b: Metric | undefined): number | null {
  return a?.value === null || b?.value === null || a === undefined || b === undefined ? null : b.value! - a.value!;
}

function cell(kind: ReturnType<typeof metricKind>, metric: Metric): HTMLElement {
  return h('span', { class: 'num' }, formatValue(kind, metric.value), metric.ci95 ? h('span', { class: 'ci' }, ` ${formatInterval(kind, metric.ci95)}`) : null, h('span', { class: 'n' }, `n=${metric.n}`));
}

/** Loads both runs' rows, pairs items on sample and repeat, and lists the discordant pairs. */
function loadFlips(a: Side, b: Side, target: HTMLElement): () => void {
  const samplesA = runSamples(a.run);
  const samplesB = runSamples(b.run);
  target.appendChild(h('p', { class: 'status' }, t('compare.loading')));
  let cancelled = false;
  void Promise.all([samplesA.load(), samplesB.load()]).then(() => {
    if (cancelled) return;
    clear(target);
    const error = samplesA.error ?? samplesB.error;
    if (error) {
      target.appendChild(h('p', { class: 'empty' }, t('app.loadFailed', { message: error.message })));
      return;
    }
    target.appendChild(flipsContent(a, b, samplesA.rows, samplesB.rows));
  });
  return () => {
    cancelled = true;
  };
}

function flipsContent(a: Side, b: Side, rowsA: readonly SampleRow[], rowsB: readonly SampleRow[]): HTMLElement {
  const key = (row: SampleRow) => `${row.sampleId}${SEPARATOR}${row.repeat}`;
  const byKey = new Map(rowsB.filter((row) => row.candidate === b.candidate).map((row) => [key(row), row]));
  const onlyA: [SampleRow, SampleRow][] = [];
  const onlyB: [SampleRow, SampleRow][] = [];
  let shared = 0;
  for (const rowA of rowsA) {
    if (rowA.candidate !== a.candidate) continue;
    const rowB = byKey.get(key(rowA));
    if (!rowB) continue;
    shared++;
    const passA = rowA.pass === true;
    const passB = rowB.pass === true;
    if (passA && !passB) onlyA.push([rowA, rowB]);
    if (!passA && passB) onlyB.push([rowA, rowB]);
  }
  if (shared === 0) return h('p', { class: 'empty' }, t('compare.noShared'));
  // McNemar (1947), exact form; lib/stats/mcnemar-exact.ts (same function the CLI uses).
  const test = mcnemarExact(onlyA.length, onlyB.length);
  const csvRows = () => [
    ['sample_id', 'repeat', 'category', 'passed', 'a_output', 'b_output', 'reference'],
    ...[...onlyA.map((pair) => ['A', pair] as const), ...onlyB.map((pair) => ['B', pair] as const)].map(([who, [rowA, rowB]]) => [rowA.sampleId, rowA.repeat, rowA.category, who, rowA.output, rowB.output, rowA.reference]),
  ];
  return h(
    'div',
    null,
    h('div', { class: 'card-head' }, h('p', { class: 'mcnemar', id: 'mcnemar' }, t('compare.mcnemar', { total: onlyA.length + onlyB.length, p: formatP(test.pValue) })), csvButton('flipped-samples.csv', csvRows)),
    flipTable(t('compare.onlyA', { count: onlyA.length }), a, b, onlyA, 'flips-a'),
    flipTable(t('compare.onlyB', { count: onlyB.length }), a, b, onlyB, 'flips-b'),
  );
}

function flipTable(title: string, a: Side, b: Side, pairs: readonly [SampleRow, SampleRow][], id: string): HTMLElement {
  const link = (side: Side, row: SampleRow) => h('a', { href: routeHash({ view: 'sample', runId: side.run.runId, itemId: row.itemId }) }, side.candidate);
  return h(
    'div',
    { class: 'subsection', id },
    h('h3', null, title),
    pairs.length === 0
      ? null
      : table({
          caption: title,
          head: [t('samples.sample'), t('samples.category'), `A: ${a.candidate}`, `B: ${b.candidate}`, t('samples.reference')],
          rows: pairs.slice(0, FLIPS_SHOWN).map(([rowA, rowB]) => [
            rowA.sampleId,
            rowA.category ?? '',
            h('span', { class: 'text-cell' }, link(a, rowA), ': ', clip(rowA.output)),
            h('span', { class: 'text-cell' }, link(b, rowB), ': ', clip(rowB.output)),
            h('span', { class: 'text-cell', 'data-col': 'reference' }, clip(rowA.reference)),
          ]),
        }),
    pairs.length > FLIPS_SHOWN ? h('p', { class: 'muted' }, `${FLIPS_SHOWN} / ${pairs.length}`) : null,
  );
}

function clip(text: string | null): string {
  if (text === null) return t('samples.noOutput');
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
}
