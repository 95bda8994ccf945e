import type { Metric, MetricKind, MetricOf } from './metric.ts';

/**
 * Reading metrics of any kind. Zod-free (only types from metric.ts), so the report bundle can
 * import it directly.
 */

/** The metric if it is of `kind`, so that kind's details can be read; else undefined. */
export function ofKind<K extends MetricKind>(metric: Metric | undefined, kind: K): MetricOf<K> | undefined {
  return metric?.kind === kind ? (metric as MetricOf<K>) : undefined;
}

/** A metric's values per category, whatever its kind; undefined when it is not broken down. */
export function categoriesOf(metric: Metric | undefined): Readonly<Record<string, Metric>> | undefined {
  return metric && 'byCategory' in metric ? metric.byCategory : undefined;
}
