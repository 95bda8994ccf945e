import { describe, expect, it } from 'vitest';
import { formatPercent } from '../../../lib/gate/index.ts';
import type { Summary } from '../../../lib/results/index.ts';
import { formatSummaryTable } from '../../../bin/output/summary-table.ts';

describe('percentages never hide an error by rounding', () => {
  it('keeps a rate below 1 off 100.0 and a rate above 0 off 0.0', () => {
    expect(formatPercent(0.9995)).toBe('99.95');
    expect(formatPercent(0.99999)).toBe('99.999');
    expect(formatPercent(0.0004)).toBe('0.04');
    expect(formatPercent(1e-12)).toBe('0.00001');
    expect(formatPercent(1 - 1e-12)).toBe('99.99999');
  });

  it('formats everything else as before', () => {
    expect(formatPercent(1)).toBe('100.0');
    expect(formatPercent(0)).toBe('0.0');
    expect(formatPercent(0.8888)).toBe('88.9');
    expect(formatPercent(0.9994)).toBe('99.9');
  });

  it('shows 1999 of 2000 as 99.95% in the terminal table, not 100.0%', () => {
    const summary = {
      schemaVersion: 2,
      runId: 'r',
      spec: { name: 's', sha256: '' },
      dataset: { sha256: '', count: 2000 },
      candidates: { m: { n: 2000, errors: 1, kind: 'model', metrics: { accuracy: { kind: 'proportion', value: 0.9995, n: 2000, ci95: [0.9972, 0.99991] } } } },
      gates: [],
      passed: true,
    } as Summary;
    const table = formatSummaryTable(summary);
    expect(table).toContain('99.95% [99.7, 99.99]');
    expect(table).not.toContain('100.0%');
  });
});
