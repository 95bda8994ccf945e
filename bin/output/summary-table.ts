import { formatPercent } from '../../lib/gate/index.ts';
import type { Metric, Summary } from '../../lib/results/index.ts';

function percent(metric: Metric | undefined): string {
  if (!metric || metric.value === null) return '—';
  const ci = metric.ci95 ? ` [${formatPercent(metric.ci95[0])}, ${formatPercent(metric.ci95[1])}]` : '';
  return `${formatPercent(metric.value)}%${ci}`;
}

function ms(metric: Metric | undefined): string {
  return metric && metric.value !== null ? `${metric.value.toFixed(metric.value < 10 ? 1 : 0)}` : '—';
}

function tokens(summary: Summary['candidates'][string]): string {
  const input = summary.metrics['tokens.input']?.value;
  const output = summary.metrics['tokens.output']?.value;
  return input === undefined || input === null ? '—' : `${input}/${output ?? 0}`;
}

function renderRows(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd()).join('\n');
}

/**
 * The compact table printed when a run ends: candidates × accuracy (with its 95% interval and n),
 * latency p50/p95, errors and tokens, then the gates and the verdict in words.
 */
export function formatSummaryTable(summary: Summary): string {
  const rows = [['candidate', 'kind', 'n', 'accuracy [95% CI]', 'p50 ms', 'p95 ms', 'errors', 'tokens in/out']];
  for (const [id, candidate] of Object.entries(summary.candidates)) {
    rows.push([
      id,
      candidate.kind ?? 'model',
      String(candidate.n),
      percent(candidate.metrics.accuracy),
      ms(candidate.metrics['latency.p50_ms']),
      ms(candidate.metrics['latency.p95_ms']),
      String(candidate.errors),
      tokens(candidate),
    ]);
  }
  const lines = [renderRows(rows)];
  if (summary.gates.length > 0) {
    lines.push('', 'gates:');
    for (const gate of summary.gates) {
      lines.push(`  ${gate.skipped === true ? 'SKIP' : gate.pass ? 'PASS' : 'FAIL'}  ${gate.candidate}: ${gate.reason ?? `${gate.metric} ${gate.op} ${gate.threshold}`}`);
    }
  }
  lines.push('', `verdict: ${summary.passed ? 'PASS' : 'FAIL'}`);
  return lines.join('\n');
}
