/** Group rates, as a list or keyed by group name (for example selection rates per demographic). */
export type GroupRates = readonly number[] | Readonly<Record<string, number>>;

/**
 * Disparate impact (demographic parity) ratio: min over groups of the rate ÷ max over groups.
 *
 * Fairlearn `demographic_parity_ratio` (`fairlearn/metrics/_fairness_metrics.py`); the EEOC
 * four-fifths rule (29 CFR §1607.4(D)) flags a ratio below 0.8 — a screen, not a significance
 * test: report each group's n and {@link wilsonInterval} with it (docs/metrics.md §3.1).
 * Returns null with no groups, or when the largest rate is 0 (the ratio is undefined); a single
 * group gives 1.
 *
 * @example
 * disparateImpact({ a: 0.6, b: 0.42 }); // 0.7 — fails four-fifths
 */
export function disparateImpact(rates: GroupRates): number | null {
  const values = readRates('disparateImpact', rates);
  if (values.length === 0) return null;
  const highest = Math.max(...values);
  if (highest === 0) return null;
  return Math.min(...values) / highest;
}

/**
 * Demographic parity difference: max over groups of the rate − min over groups.
 *
 * Fairlearn `demographic_parity_difference` with `method="between_groups"` (the default),
 * `fairlearn/metrics/_fairness_metrics.py`. Use max/min over all groups, not a fixed "majority"
 * group (docs/metrics.md §7). Returns null with no groups; a single group gives 0.
 *
 * @example
 * parityDifference([0.5, 0.25]); // 0.25
 */
export function parityDifference(rates: GroupRates): number | null {
  const values = readRates('parityDifference', rates);
  if (values.length === 0) return null;
  return Math.max(...values) - Math.min(...values);
}

/** The rates as a list, each checked to be a finite number ≥ 0. */
function readRates(fn: string, rates: GroupRates): number[] {
  const entries: [string, number][] = Array.isArray(rates)
    ? (rates as readonly number[]).map((rate, index) => [`[${index}]`, rate])
    : Object.entries(rates).map(([group, rate]) => [`["${group}"]`, rate]);
  for (const [where, rate] of entries) {
    if (typeof rate !== 'number' || !Number.isFinite(rate) || rate < 0) {
      throw new RangeError(`${fn}: rates${where} must be a finite number ≥ 0, got ${String(rate)}`);
    }
  }
  return entries.map(([, rate]) => rate);
}
