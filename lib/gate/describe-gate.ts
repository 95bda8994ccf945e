import type { GateResult } from '../results/index.ts';

/**
 * A gate in a few words, the same in JUnit, Markdown and the terminal:
 * `accuracy (ci_low) >= 0.8`, `|bias.bbq.ambig| <= 0.05`, `accuracy drop vs baseline <= 0.02 (α = 0.05)`.
 */
export function describeGate(gate: GateResult): string {
  if (gate.kind === 'baseline') {
    const against = isBaselineRef(gate.baseline) ? ` vs ${gate.baseline.runId}` : ' vs baseline';
    if (gate.op === 'maxIncrease') return `${gate.metric} rise${against} <= ${gate.threshold} ms (α = ${String(gate.alpha)})`;
    return `${gate.metric} drop${against} <= ${gate.threshold} (α = ${String(gate.alpha)})`;
  }
  const metric = gate.abs === true ? `|${gate.metric}|` : gate.metric;
  const on = typeof gate.on === 'string' && gate.on !== 'value' ? ` (${gate.on})` : '';
  return `${metric}${on} ${gate.op} ${gate.threshold}`;
}

/** PASS, FAIL or SKIP. */
export function gateStatus(gate: GateResult): 'PASS' | 'FAIL' | 'SKIP' {
  if (gate.kind === 'baseline' && gate.skipped === true) return 'SKIP';
  return gate.pass ? 'PASS' : 'FAIL';
}

/** A number for people: integers as they are, others to 4 decimals without trailing zeros. */
export function formatValue(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(4)));
}

function isBaselineRef(value: unknown): value is { runId: string } {
  return typeof value === 'object' && value !== null && typeof (value as { runId?: unknown }).runId === 'string';
}

/**
 * A difference of two rates in percentage points with its interval: `+4.3 pp [+1.5, +7.1]`.
 * Comparisons are only made on per-sample metrics in [0, 1] (`accuracy`, `score.<id>`).
 */
export function formatPointDifference(diff: number | null, ci95?: readonly [number, number]): string {
  if (diff === null) return '—';
  const points = (value: number) => {
    const text = (value * 100).toFixed(1);
    return value > 0 && text !== '0.0' ? `+${text}` : text === '-0.0' ? '0.0' : text;
  };
  return `${points(diff)} pp${ci95 ? ` [${points(ci95[0])}, ${points(ci95[1])}]` : ''}`;
}
