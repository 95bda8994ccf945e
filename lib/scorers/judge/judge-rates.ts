import type { MetricOf } from '../../results/index.ts';
import { bootstrapInterval, meanInterval, wilsonInterval } from '../../stats/index.ts';

/** One judged record, as the aggregate sees it. */
export interface JudgedItem {
  readonly sampleId: string;
  readonly category?: string;
  readonly value: number;
  readonly pass: boolean;
  readonly detail: Readonly<Record<string, unknown>>;
}

/** A rate with its Wilson interval. */
export function rate(successes: number, n: number): MetricOf<'proportion'> {
  if (n === 0) return { kind: 'proportion', value: null, n: 0 };
  const { lo, hi } = wilsonInterval(successes, n);
  return { kind: 'proportion', value: successes / n, n, ci95: [lo, hi] };
}

/** The share of items meeting `test`, with its Wilson interval, and per category when items have one. */
export function rateOf(items: readonly JudgedItem[], test: (item: JudgedItem) => boolean): MetricOf<'proportion'> {
  const overall = rate(items.filter(test).length, items.length);
  const categories = [...new Set(items.flatMap((item) => (item.category === undefined ? [] : [item.category])))].sort();
  if (categories.length === 0) return overall;
  const byCategory = Object.fromEntries(categories.map((category) => {
    const group = items.filter((item) => item.category === category);
    return [category, rate(group.filter(test).length, group.length)];
  }));
  return { ...overall, byCategory };
}

/** A mean: Wilson when every value is 0 or 1, else a normal-approximation interval. */
export function meanOf(values: readonly number[]): MetricOf<'proportion'> {
  if (values.length === 0) return { kind: 'proportion', value: null, n: 0 };
  if (values.every((value) => value === 0 || value === 1)) return rate(values.filter((value) => value === 1).length, values.length);
  const interval = meanInterval(values);
  return { kind: 'proportion', value: interval.mean, n: values.length, ...(interval.lo !== null && interval.hi !== null && { ci95: [interval.lo, interval.hi] }) };
}

/** A statistic with a seeded percentile-bootstrap interval over items. */
export function bootstrapped<T>(items: readonly T[], statistic: (sample: readonly T[]) => number | null, seed: number): MetricOf<'agreement'> {
  const estimate = statistic(items);
  if (estimate === null) return { kind: 'agreement', value: null, n: items.length };
  const result = bootstrapInterval(items, statistic, { seed, resamples: 1000 });
  return { kind: 'agreement', value: estimate, n: items.length, ...(result.lo !== null && result.hi !== null && { ci95: [result.lo, result.hi] }), bootstrap: { resamples: 1000, seed } };
}
