import type { ReportRun } from '../../lib/report/report-data.ts';
import type { Metric } from '../../lib/results/index.ts';
import { categoriesOf, ofKind } from '../../lib/results/metric-access.ts';

/**
 * Reading the bias, fairness and privacy metrics as the scorers write them (docs/bias-audit.md):
 * - `fairness.positive_rate.byCategory[group]` — a group's positive-decision rate {value, n, ci95, positives};
 * - `fairness.disparate_impact` — {value, threshold, flagged, groups: {highest, lowest}, byCategory[group]: {value, n, flagged}}
 *   where a group's value is its impact ratio (its rate ÷ the highest group's);
 * - `privacy.pii_leak_rate` — {value, n, ci95, leaked, byType[type]: {records, matches}}.
 */

/** One group's positive-decision rate. */
export interface GroupRate {
  readonly value: number | null;
  readonly n: number;
  readonly ci95?: readonly [number, number];
  readonly positives?: number;
}

/** One group's impact ratio and whether it falls below the four-fifths threshold. */
export interface GroupImpact {
  readonly ratio: number | null;
  readonly flagged: boolean | null;
}

/** A candidate's groups: rates, impact ratios and the threshold they are held to. */
export interface CandidateGroups {
  readonly groups: string[];
  readonly rates: Record<string, GroupRate>;
  readonly impact: Record<string, GroupImpact>;
  readonly threshold: number;
}

/** Leaks of one kind of personal data: outputs that contained it and matches in all. */
export interface TypeCount {
  readonly records: number;
  readonly matches: number;
}

/** The EEOC four-fifths rule (29 CFR §1607.4(D)) when the metric does not carry its own threshold. */
export const FOUR_FIFTHS = 0.8;

/** True when any candidate has a bias, fairness or privacy metric (the Bias view lights up). */
export function hasBiasMetrics(run: ReportRun): boolean {
  return Object.values(run.summary?.candidates ?? {}).some((candidate) => Object.keys(candidate.metrics).some(isBiasMetric));
}

export function isBiasMetric(name: string): boolean {
  return /^(bias|fairness|privacy)\./.test(name) || name.startsWith('accuracy.bbq');
}

/** Metric names present in the run that start with a prefix, sorted. */
export function namesWithPrefix(run: ReportRun, prefix: string): string[] {
  const names = new Set<string>();
  for (const candidate of Object.values(run.summary?.candidates ?? {})) for (const name of Object.keys(candidate.metrics)) if (name.startsWith(prefix)) names.add(name);
  return [...names].sort();
}

/** The four-fifths threshold a disparate-impact metric was judged against. */
export function impactThreshold(metric: Metric | undefined): number {
  return ofKind(metric, 'fairness')?.threshold ?? FOUR_FIFTHS;
}

/**
 * A candidate's per-group rates and impact ratios, or null when it has no `fairness.positive_rate`
 * by group. Groups keep the summary's order (the spec's `counterfactual.groups`).
 */
export function candidateGroups(metrics: Record<string, Metric>): CandidateGroups | null {
  const rates = categoriesOf(metrics['fairness.positive_rate']);
  if (!rates || Object.keys(rates).length === 0) return null;
  const impactMetric = metrics['fairness.disparate_impact'];
  const threshold = impactThreshold(impactMetric);
  const groups = Object.keys(rates);
  const highest = Math.max(...groups.map((group) => rates[group]!.value ?? -Infinity));
  const impact: Record<string, GroupImpact> = {};
  for (const group of groups) {
    const recorded = ofKind(categoriesOf(impactMetric)?.[group], 'fairness');
    // Prefer the scorer's own ratio and flag; else rate ÷ highest rate (same definition).
    const ratio = recorded ? recorded.value : rates[group]!.value !== null && highest > 0 ? rates[group]!.value! / highest : null;
    const flagged = typeof recorded?.flagged === 'boolean' ? recorded.flagged : ratio === null ? null : ratio < threshold;
    impact[group] = { ratio, flagged };
  }
  return { groups, rates: rates as Record<string, GroupRate>, impact, threshold };
}

/** Per-type leak counts of a privacy metric (`byType`), or null when it has none. */
export function typeCounts(metric: Metric | undefined): Record<string, TypeCount> | null {
  const byType = ofKind(metric, 'privacy')?.byType;
  if (!byType) return null;
  const out: Record<string, TypeCount> = {};
  for (const [type, entry] of Object.entries(byType as Record<string, unknown>)) {
    if (entry && typeof entry === 'object' && typeof (entry as TypeCount).records === 'number') out[type] = entry as TypeCount;
  }
  return out;
}
