import { formatPercent } from './format-percent.ts';
import { ComparisonSchema, type Comparison } from '../results/index.ts';
import type { Metric, Summary } from '../results/index.ts';
import { describeGate, formatPointDifference, formatValue, gateStatus } from './describe-gate.ts';
import { formatP } from './format-p.ts';

const ICON = { PASS: '✅', FAIL: '❌', SKIP: '⏭️' } as const;
/** Rows of the comparisons table before the rest is left to summary.json. */
const MAX_COMPARISONS = 30;

/**
 * A Markdown summary of a run fit for a pull-request comment or `$GITHUB_STEP_SUMMARY`: the
 * verdict first, then the gates with their reasons, candidates × key metrics with 95% intervals,
 * and the paired comparisons (significant ones first). Pure: the caller writes the file.
 */
export function formatMarkdownSummary(summary: Summary): string {
  const failed = summary.gates.filter((gate) => gateStatus(gate) === 'FAIL').length;
  const lines = [
    `## ${summary.passed ? ICON.PASS : ICON.FAIL} Verdict: ${summary.passed ? 'PASS' : 'FAIL'} — \`${summary.spec.name}\``,
    '',
    `Run \`${summary.runId}\` · ${summary.dataset.count} samples · ${summary.gates.length - failed} of ${summary.gates.length} gates passed`,
    '',
    ...gatesSection(summary),
    ...candidatesSection(summary),
    // summary.json types comparisons loosely; parse them here (it also checks hand-edited summaries).
    ...comparisonsSection((summary.comparisons ?? []).map((comparison) => ComparisonSchema.parse(comparison))),
  ];
  return `${lines.join('\n').trimEnd()}\n`;
}

function gatesSection(summary: Summary): string[] {
  if (summary.gates.length === 0) return ['No gates are defined: the verdict is PASS when the run completes.', ''];
  const rows = summary.gates.map((gate) => {
    const status = gateStatus(gate);
    return [`${ICON[status]} ${status}`, gate.candidate, describeGate(gate), formatValue(gate.value), gate.reason ?? ''];
  });
  return ['### Gates', '', ...table(['', 'Candidate', 'Gate', 'Value', 'Why'], rows), ''];
}

function candidatesSection(summary: Summary): string[] {
  const columns = metricColumns(summary);
  const rows = Object.entries(summary.candidates).map(([id, candidate]) => [
    id,
    candidate.kind ?? 'model',
    String(candidate.n),
    ...columns.map((name) => formatMetric(name, candidate.metrics[name])),
  ]);
  return ['### Candidates', '', ...table(['Candidate', 'Kind', 'n', ...columns.map(columnTitle)], rows), '', 'Intervals are 95%; n counts records (samples when repeats or clusters apply).', ''];
}

function comparisonsSection(comparisons: readonly Comparison[]): string[] {
  if (comparisons.length === 0) return [];
  const ordered = [...comparisons].sort((x, y) => Number(y.significant) - Number(x.significant));
  const rows = ordered.slice(0, MAX_COMPARISONS).map((comparison) => [
    comparison.a,
    comparison.b,
    comparison.metric,
    formatPointDifference(comparison.diff, comparison.ci95),
    comparison.test,
    comparison.pValue === null ? '—' : formatP(comparison.pValue),
    comparison.pAdjusted === null ? '—' : `${formatP(comparison.pAdjusted)}${comparison.significant ? ' ✱' : ''}`,
    formatCounts(comparison.counts),
  ]);
  const more = comparisons.length > MAX_COMPARISONS ? [`${comparisons.length - MAX_COMPARISONS} more in summary.json.`, ''] : [];
  return [
    '### Paired comparisons',
    '',
    ...table(['A', 'B', 'Metric', 'B − A [95% CI]', 'Test', 'p', 'p (Holm)', 'Counts'], rows),
    '',
    '✱ significant at 0.05 after Holm correction. Counts: A✓B✗ / A✗B✓ / both / neither (pass/fail), or A higher / B higher / ties.',
    '',
    ...more,
  ];
}

/** accuracy, score.*, pass@k, metrics the gates use, latency p95 and error rate — those present. */
function metricColumns(summary: Summary): string[] {
  const present = new Set(Object.values(summary.candidates).flatMap((candidate) => Object.keys(candidate.metrics)));
  const sorted = [...present].sort();
  const wanted = [
    'accuracy',
    ...sorted.filter((name) => name.startsWith('score.')),
    ...sorted.filter((name) => name.startsWith('accuracy.pass@')).sort((x, y) => passK(x) - passK(y)),
    ...summary.gates.map((gate) => gate.metric),
    'latency.p95_ms',
    'errors.rate',
  ];
  return [...new Set(wanted)].filter((name) => present.has(name));
}

function passK(name: string): number {
  return Number(name.slice('accuracy.pass@'.length));
}

function columnTitle(name: string): string {
  return name === 'accuracy' ? 'accuracy [95% CI]' : name;
}

function formatMetric(name: string, metric: Metric | undefined): string {
  if (!metric || metric.value === null) return '—';
  if (name.endsWith('_ms')) return metric.value.toFixed(metric.value < 10 ? 1 : 0);
  const rate = metric.value >= 0 && metric.value <= 1 && (!metric.ci95 || (metric.ci95[0] >= 0 && metric.ci95[1] <= 1));
  const show = (value: number) => (rate ? formatPercent(value) : formatValue(value));
  const ci = metric.ci95 ? ` [${show(metric.ci95[0])}, ${show(metric.ci95[1])}]` : '';
  return `${show(metric.value)}${rate ? '%' : ''}${ci}`;
}

function formatCounts(counts: Comparison['counts']): string {
  if ('onlyA' in counts) return `${counts.onlyA} / ${counts.onlyB} / ${counts.both} / ${counts.neither}`;
  return `${counts.aHigher} / ${counts.bHigher} / ${counts.ties}`;
}


function table(header: string[], rows: string[][]): string[] {
  const line = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header), `|${header.map(() => '---').join('|')}|`, ...rows.map(line)];
}

/** A Markdown table cell: pipes escaped, line breaks flattened, tag-like `<x` defused (GitHub would drop it as HTML). */
function cell(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/<(?=[A-Za-z/!?])/g, '&lt;')
    .replace(/\r?\n/g, ' ');
}
