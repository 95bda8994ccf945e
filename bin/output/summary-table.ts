import { describeGate, formatPercent, gateStatus } from '../../lib/gate/index.ts';
import { formatUsd, type GateResult, type Metric, type Summary } from '../../lib/results/index.ts';
import { noColours, type Colours } from './colour.ts';
import { formatComparisonRows } from './compare-table.ts';
import { formatFailureDigest, plural, silentCandidates } from './failure-digest.ts';

function percent(metric: Metric | undefined): string {
  if (!metric || metric.value === null) return '—';
  const ci = metric.ci95 ? ` [${formatPercent(metric.ci95[0])}, ${formatPercent(metric.ci95[1])}]` : '';
  return `${formatPercent(metric.value)}%${ci}`;
}

function ms(metric: Metric | undefined, withInterval = false): string {
  if (!metric || metric.value === null) return '—';
  const round = (value: number) => value.toFixed(value < 10 ? 1 : 0);
  const ci = withInterval && metric.ci95 ? ` [${round(metric.ci95[0])}, ${round(metric.ci95[1])}]` : '';
  return `${round(metric.value)}${ci}`;
}

function tokens(summary: Summary['candidates'][string]): string {
  const input = summary.metrics['tokens.input']?.value;
  const output = summary.metrics['tokens.output']?.value;
  return input === undefined || input === null ? '—' : `${input}/${output ?? 0}`;
}

function cost(metric: Metric | undefined): string {
  return metric && metric.value !== null ? formatUsd(metric.value) : '—';
}

/** Rows padded to their widths; `paint` colours a cell after padding, so ANSI codes never skew columns. */
function renderRows(rows: string[][], paint: (row: number, column: number, cell: string) => string = (_r, _c, cell) => cell): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows
    .map((row, r) => row.map((cell, column) => paint(r, column, cell.padEnd(widths[column]!))).join('  ').trimEnd())
    .join('\n');
}

/**
 * The compact table printed when a run ends: candidates × accuracy (with its 95% interval),
 * latency p50/p95, TTFT p50, errors, tokens and cost; then why items failed (grouped first
 * causes), the paired comparisons of `comparisons[]` (as `verdict compare` prints them), the
 * gates, and the verdict in words. Gates of a model that answered nothing are not
 * listed one by one: their failures follow from the causes above.
 */
export function formatSummaryTable(summary: Summary, colours: Colours = noColours): string {
  const rows = [['candidate', 'kind', 'n', 'accuracy [95% CI]', 'p50 ms', 'p95 ms [95% CI]', 'TTFT p50', 'errors', 'tokens in/out', 'cost']];
  for (const [id, candidate] of Object.entries(summary.candidates)) {
    rows.push([
      id,
      candidate.kind ?? 'model',
      String(candidate.n),
      percent(candidate.metrics.accuracy),
      ms(candidate.metrics['latency.p50_ms']),
      ms(candidate.metrics['latency.p95_ms'], true),
      ms(candidate.metrics['ttft.p50_ms']),
      String(candidate.errors),
      tokens(candidate),
      cost(candidate.metrics['cost.usd']),
    ]);
  }
  const errorColumn = 7;
  const lines = [renderRows(rows, (r, column, cell) => (r > 0 && column === errorColumn && cell.trim() !== '0' ? colours.fail(cell) : r === 0 ? colours.bold(cell) : cell))];
  const digest = formatFailureDigest(summary);
  if (digest) lines.push('', digest);
  if (summary.comparisons && summary.comparisons.length > 0) lines.push('', 'comparisons (paired, B − A):', ...formatComparisonRows(summary.comparisons, { counts: false }));
  if (summary.gates.length > 0) lines.push('', ...formatGateSection(summary, colours));
  const verdict = summary.passed ? colours.pass('PASS') : colours.fail('FAIL');
  lines.push('', `verdict: ${verdict}`);
  return lines.join('\n');
}

/** `gates:` then one line per gate; the gates of silent models are summed up in one line. */
function formatGateSection(summary: Summary, colours: Colours): string[] {
  const silent = new Set(silentCandidates(summary));
  const shown = summary.gates.filter((gate) => !followsFromSilence(gate, silent));
  const hidden = summary.gates.length - shown.length;
  const lines = ['gates:'];
  for (const gate of shown) lines.push(`  ${paintStatus(gate, colours)}  ${gate.candidate}: ${gate.reason ?? describeGate(gate)}${baselineNote(gate)}`);
  if (hidden > 0) {
    lines.push(colours.dim(`  ${plural(hidden, 'gate')} of ${[...silent].join(', ')} not listed: FAIL, since ${silent.size === 1 ? 'it' : 'they'} answered nothing (see the causes above)`));
  }
  return lines;
}

/** A gate whose failure only restates that a model answered nothing. */
function followsFromSilence(gate: GateResult, silent: ReadonlySet<string>): boolean {
  if (silent.size === 0 || gate.pass) return false;
  if (silent.has(gate.candidate)) return true;
  return gate.candidate === '*' && gate.value === null && (gate.reason ?? '').startsWith('no candidate reports metric');
}

function paintStatus(gate: GateResult, colours: Colours): string {
  const status = gateStatus(gate);
  return status === 'PASS' ? colours.pass(status) : status === 'SKIP' ? colours.skip(status) : colours.fail(status);
}

/** ` [baseline: <run-id>]` on a baseline gate, so the terminal says what it compared against. */
function baselineNote(gate: GateResult): string {
  if (gate.kind !== 'baseline' || gate.baseline === undefined) return '';
  return ` [baseline: ${gate.baseline.runId}]`;
}
