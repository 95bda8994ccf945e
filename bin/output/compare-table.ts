import { formatP, formatPercent, formatPointDifference, formatValue } from '../../lib/gate/index.ts';
import type { RunComparison } from '../../lib/engine/index.ts';
import type { Comparison } from '../../lib/results/index.ts';

function renderRows(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd()).join('\n');
}

function percent(value: number | null): string {
  return value === null ? '—' : `${formatPercent(value)}%`;
}

function counts(comparison: Comparison): string {
  const c = comparison.counts;
  return 'onlyA' in c ? `onlyA ${c.onlyA}, onlyB ${c.onlyB}, both ${c.both}, neither ${c.neither}` : `A higher ${c.aHigher}, B higher ${c.bHigher}, ties ${c.ties}`;
}

/**
 * Paired comparisons as rows: pair, metric, n, both values, B − A with its 95% interval, the test,
 * p and Holm-adjusted p (`*` when significant), and with `counts` the counts behind the test;
 * then the footnote. `verdict compare` and the `verdict run` table both print them this way.
 */
export function formatComparisonRows(comparisons: readonly Comparison[], options: { counts: boolean }): string[] {
  const header = ['A', 'B', 'metric', 'n', 'A', 'B', 'B − A [95% CI]', 'test', 'p', 'p (Holm)'];
  const rows = [options.counts ? [...header, 'counts'] : header];
  for (const comparison of comparisons) {
    const row = [
      comparison.a,
      comparison.b,
      comparison.metric,
      String(comparison.n),
      percent(comparison.valueA),
      percent(comparison.valueB),
      formatPointDifference(comparison.diff, comparison.ci95),
      comparison.test,
      comparison.pValue === null ? '—' : formatP(comparison.pValue),
      comparison.pAdjusted === null ? '—' : `${formatP(comparison.pAdjusted)}${comparison.significant ? ' *' : ''}`,
    ];
    rows.push(options.counts ? [...row, counts(comparison)] : row);
  }
  return [renderRows(rows), '', '* significant at 0.05 after Holm correction'];
}

/**
 * The `verdict compare` table: one row per candidate pair and metric (B − A with its 95% interval,
 * test, p and Holm-adjusted p, and the counts), then the flipped samples of each pair (at most
 * `maxFlips` listed; all of them are in --json).
 */
export function formatCompareTable(result: RunComparison, maxFlips = 20): string {
  const lines = [`A = ${result.runA}`, `B = ${result.runB}`, '', ...formatComparisonRows(result.comparisons, { counts: true })];
  for (const pair of result.pairs) {
    const leftOut = pair.onlyInA || pair.onlyInB ? ` (${pair.onlyInA} only in A, ${pair.onlyInB} only in B, left out)` : '';
    lines.push('', `${pair.a} → ${pair.b}: ${pair.matched} samples matched by id${leftOut}`);
    for (const [label, flips] of [['regressed (A right, B wrong)', pair.regressed], ['improved (A wrong, B right)', pair.improved]] as const) {
      const shown = flips.slice(0, maxFlips).map((flip) => (Number.isInteger(flip.a) && Number.isInteger(flip.b) ? flip.sampleId : `${flip.sampleId} (${formatValue(flip.a)}→${formatValue(flip.b)})`));
      const more = flips.length > maxFlips ? ` … and ${flips.length - maxFlips} more (--json lists all)` : '';
      lines.push(`  ${label}: ${flips.length}${flips.length > 0 ? `: ${shown.join(', ')}${more}` : ''}`);
    }
  }
  return lines.join('\n');
}
