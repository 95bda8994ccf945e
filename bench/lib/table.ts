/** One row of the bench table. */
export interface BenchRow {
  readonly benchmark: string;
  readonly verdict: string;
  readonly baseline?: string;
  readonly target?: string;
  /** true met, false missed, undefined no target. */
  readonly pass?: boolean;
}

/** A plain-text table: benchmark | Verdict | baseline | target | status. */
export function formatTable(rows: readonly BenchRow[]): string {
  const cells = [
    ['benchmark', 'Verdict', 'baseline', 'target', 'status'],
    ...rows.map((row) => [row.benchmark, row.verdict, row.baseline ?? '', row.target ?? '', row.pass === undefined ? '' : row.pass ? 'PASS' : 'MISS']),
  ];
  const widths = cells[0]!.map((_, column) => Math.max(...cells.map((row) => row[column]!.length)));
  const line = (row: string[]) => row.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ').trimEnd();
  return [line(cells[0]!), widths.map((width) => '-'.repeat(width)).join('-|-'), ...cells.slice(1).map(line)].join('\n');
}

/** A number with a fixed number of decimals and thousands separators. */
export function fmt(value: number, decimals = 0): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}
