import type { ReportRun } from '../../lib/report/report-data.ts';
import type { Metric } from '../../lib/results/index.ts';

/** A per-group value: a rate with its n and interval when the summary has them. */
export interface GroupValue {
  readonly value: number | null;
  readonly n?: number;
  readonly ci95?: readonly [number, number];
}

type Values = Record<string, GroupValue>;

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

const GROUP_FIELDS = ['byGroup', 'groups', 'rates', 'groupRates', 'selectionRates'];

/**
 * Per-group rates of a fairness metric: `byCategory` (the summary's standard place), else an
 * extra field such as `byGroup`/`groups`/`rates` holding numbers or {value, n, ci95}.
 */
export function groupRates(metric: Metric | undefined): Values | null {
  if (!metric) return null;
  if (metric.byCategory && Object.keys(metric.byCategory).length > 0) return metric.byCategory as Values;
  for (const field of GROUP_FIELDS) {
    const values = asValues((metric as Record<string, unknown>)[field]);
    if (values) return values;
  }
  return null;
}

/** Per-group rates for a candidate from the first fairness metric that has them. */
export function candidateGroupRates(metrics: Record<string, Metric>): { source: string; rates: Values } | null {
  const preferred = ['fairness.selection_rate', 'fairness.disparate_impact', 'fairness.parity_difference'];
  const names = [...preferred, ...Object.keys(metrics).filter((name) => name.startsWith('fairness.') && !preferred.includes(name) && name !== 'fairness.flip_rate')];
  for (const name of names) {
    const rates = groupRates(metrics[name]);
    if (rates) return { source: name, rates };
  }
  return null;
}

/** Impact ratio per group: rate ÷ the highest group's rate (29 CFR §1607.4(D), the four-fifths rule). */
export function impactRatios(rates: Values): Record<string, number | null> {
  const values = Object.values(rates).map((rate) => rate.value).filter((value): value is number => value !== null && Number.isFinite(value));
  const max = Math.max(...values);
  const out: Record<string, number | null> = {};
  for (const [group, rate] of Object.entries(rates)) out[group] = rate.value === null || !(max > 0) ? null : rate.value / max;
  return out;
}

const COUNT_FIELDS = ['byType', 'counts', 'countsByType', 'types', 'leaks', 'leaksByType'];

/** Per-type counts carried as an extra field of a privacy metric ({ email: 3, phone: 1 }). */
export function typeCounts(metric: Metric | undefined): Record<string, number> | null {
  if (!metric) return null;
  const record = metric as Record<string, unknown>;
  const fields = [...COUNT_FIELDS, ...Object.keys(record).filter((key) => !['value', 'n', 'ci95', 'byCategory', ...COUNT_FIELDS].includes(key))];
  for (const field of fields) {
    const value = record[field];
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const entries = Object.entries(value as Record<string, unknown>);
      if (entries.length > 0 && entries.every(([, count]) => typeof count === 'number')) return value as Record<string, number>;
    }
  }
  return null;
}

function asValues(value: unknown): Values | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const out: Values = {};
  for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
    if (typeof entry === 'number') out[key] = { value: entry };
    else if (entry && typeof entry === 'object' && 'value' in entry) out[key] = entry as GroupValue;
    else return null;
  }
  return Object.keys(out).length > 0 ? out : null;
}
