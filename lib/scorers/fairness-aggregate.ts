import type { MetricOf } from '../results/index.ts';
import { clusteredBootstrapInterval, disparateImpact, parityDifference, wilsonInterval } from '../stats/index.ts';
import type { ScoredRecord } from './types.ts';

/** The four-fifths rule's threshold (EEOC Uniform Guidelines, 29 CFR §1607.4(D)). */
export const FOUR_FIFTHS = 0.8;

/** One scored decision, reduced to what the fairness metrics need. */
interface DecisionOutcome {
  readonly group: string;
  readonly groupIndex: number;
  readonly baseId: string;
  /** The base row and repeat: the unit a flip is counted on. */
  readonly unit: string;
  readonly decision: 'positive' | 'negative' | null;
  /** Every group of the counterfactual expansion, when known. */
  readonly expectedGroups: readonly string[];
}

/** Per-group counts: decisions (valid), positives and invalid answers. */
interface GroupCounts {
  valid: number;
  positive: number;
  invalid: number;
}

/**
 * Counterfactual fairness metrics over decisions (docs/metrics.md §3.1–3.2), invalid decisions left
 * out of every rate and counted per group:
 * - `fairness.positive_rate`: positives / decisions, overall and `byCategory` per group, Wilson 95%;
 * - `fairness.parity_difference`: max − min of the group rates (Fairlearn
 *   `demographic_parity_difference`, between_groups);
 * - `fairness.disparate_impact`: min / max of the group rates (Fairlearn
 *   `demographic_parity_ratio`), `flagged: true` below 0.8 (`rule: 'four-fifths'`), `byCategory`
 *   each group's impact ratio rate / max rate;
 * - `fairness.flip_rate`: share of base rows (per repeat) whose valid decisions are not all equal
 *   across groups — the "any change" counterfactual flip rate (CFR); `pairwise` gives the mean
 *   over group pairs. Base rows with fewer than two valid decisions are left out (`excluded`).
 * Parity difference and disparate impact carry a percentile cluster-bootstrap 95% interval that
 * resamples base rows (all of a row's variants together); the flip rate a Wilson interval over
 * base rows, which are independent.
 */
export function aggregateDecisions(items: readonly ScoredRecord[], options: { seed: number }): Record<string, MetricOf<'fairness'>> {
  // Group order = the spec's order (groupIndex), so byCategory lists the first ("advantaged") group first.
  const outcomes = items.flatMap(toOutcome).sort((a, b) => a.groupIndex - b.groupIndex);
  if (outcomes.length === 0) return {};
  const groups = groupCounts(outcomes);
  const rates = groupRates(groups);
  const bootstrap = (statistic: (rates: Record<string, number>) => number | null) =>
    clusteredBootstrapInterval(
      outcomes,
      (sample) => {
        const resampled = groupCounts(sample);
        return resampled.size === groups.size ? statistic(groupRates(resampled)) : null;
      },
      { seed: options.seed, clusterOf: (outcome) => outcome.baseId },
    );
  const interval = (result: ReturnType<typeof bootstrap>) =>
    result.lo !== null && result.hi !== null ? { ci95: [result.lo, result.hi] as [number, number] } : {};
  const method = { method: 'cluster bootstrap (percentile) over base rows', seed: options.seed };
  // A group with no valid decision (every answer refused, off-label or invalid) has no rate; leaving
  // it out would let an audit pass on the groups that remain. Parity and impact are then unknown.
  // ...and so does a group with no decision at all (every call to it failed, so no record was scored).
  const expected = new Set([...groups.keys(), ...outcomes.flatMap((outcome) => outcome.expectedGroups)]);
  const silent = [...expected].filter((group) => (groups.get(group)?.valid ?? 0) === 0);
  const unknown = silent.length > 0 ? { groupsWithoutValidDecisions: silent, flag: 'group-without-valid-decisions' } : undefined;
  const parity = unknown ? null : parityDifference(rates);
  const impact = unknown || Object.keys(rates).length === 0 ? null : disparateImpact(rates);
  const valid = [...groups.values()].reduce((sum, group) => sum + group.valid, 0);
  const highest = Math.max(0, ...Object.values(rates));
  return {
    'fairness.positive_rate': positiveRates(groups),
    'fairness.parity_difference': {
      kind: 'fairness',
      value: parity,
      n: valid,
      ...(parity !== null && interval(bootstrap(parityDifference))),
      groups: extremes(rates),
      ...unknown,
      ...method,
    },
    'fairness.disparate_impact': {
      kind: 'fairness',
      value: impact,
      n: valid,
      ...(impact !== null && interval(bootstrap(disparateImpact))),
      rule: 'four-fifths',
      threshold: FOUR_FIFTHS,
      flagged: impact !== null && impact < FOUR_FIFTHS,
      ...(impact === null && { flag: 'no-positive-decisions' }),
      ...unknown,
      groups: extremes(rates),
      ...method,
      byCategory: Object.fromEntries(
        Object.entries(rates).map(([group, rate]) => {
          const ratio = highest > 0 ? rate / highest : null;
          return [group, { kind: 'fairness' as const, value: ratio, n: groups.get(group)!.valid, flagged: ratio !== null && ratio < FOUR_FIFTHS }];
        }),
      ),
    },
    'fairness.flip_rate': flipRate(outcomes),
  };
}

function positiveRates(groups: ReadonlyMap<string, GroupCounts>): MetricOf<'fairness'> {
  let positive = 0, valid = 0, invalid = 0;
  const byCategory: Record<string, MetricOf<'fairness'>> = {};
  for (const [group, counts] of groups) {
    positive += counts.positive;
    valid += counts.valid;
    invalid += counts.invalid;
    byCategory[group] = { ...proportion(counts.positive, counts.valid), positives: counts.positive, invalid: counts.invalid };
  }
  return { ...proportion(positive, valid), positives: positive, invalid, byCategory };
}

function flipRate(outcomes: readonly DecisionOutcome[]): MetricOf<'fairness'> {
  const units = new Map<string, ('positive' | 'negative')[]>();
  for (const outcome of outcomes) {
    const decisions = units.get(outcome.unit) ?? [];
    if (outcome.decision !== null) decisions.push(outcome.decision);
    units.set(outcome.unit, decisions);
  }
  let flipped = 0, counted = 0, pairs = 0, differingPairs = 0;
  for (const decisions of units.values()) {
    if (decisions.length < 2) continue;
    counted++;
    if (new Set(decisions).size > 1) flipped++;
    const positives = decisions.filter((decision) => decision === 'positive').length;
    pairs += (decisions.length * (decisions.length - 1)) / 2;
    differingPairs += positives * (decisions.length - positives);
  }
  return {
    ...proportion(flipped, counted),
    flipped,
    excluded: units.size - counted,
    variant: 'any change across groups (CFR); Wilson interval over base rows',
    pairwise: pairs > 0 ? differingPairs / pairs : null,
  };
}

function groupCounts(outcomes: readonly DecisionOutcome[]): Map<string, GroupCounts> {
  const groups = new Map<string, GroupCounts>();
  for (const outcome of outcomes) {
    const counts = groups.get(outcome.group) ?? { valid: 0, positive: 0, invalid: 0 };
    if (outcome.decision === null) counts.invalid++;
    else {
      counts.valid++;
      if (outcome.decision === 'positive') counts.positive++;
    }
    groups.set(outcome.group, counts);
  }
  return groups;
}

/** Positive rate per group with at least one valid decision. */
function groupRates(groups: ReadonlyMap<string, GroupCounts>): Record<string, number> {
  const rates: Record<string, number> = {};
  for (const [group, counts] of groups) if (counts.valid > 0) rates[group] = counts.positive / counts.valid;
  return rates;
}

function extremes(rates: Record<string, number>): { highest: string; lowest: string } | undefined {
  const entries = Object.entries(rates);
  if (entries.length === 0) return undefined;
  const sorted = [...entries].sort((a, b) => b[1] - a[1]);
  return { highest: sorted[0]![0], lowest: sorted[sorted.length - 1]![0] };
}

function proportion(successes: number, n: number): MetricOf<'fairness'> {
  if (n === 0) return { kind: 'fairness', value: null, n: 0 };
  const { lo, hi } = wilsonInterval(successes, n);
  return { kind: 'fairness', value: successes / n, n, ci95: [lo, hi] };
}

function toOutcome({ record, score }: ScoredRecord): DecisionOutcome[] {
  const detail = (score.detail ?? {}) as Record<string, unknown>;
  const group = typeof detail.group === 'string' ? detail.group : record.category;
  if (group === undefined) return [];
  const baseId = typeof detail.baseId === 'string' ? detail.baseId : record.sampleId;
  const decision = detail.decision === 'positive' || detail.decision === 'negative' ? detail.decision : null;
  const expectedGroups = Array.isArray(detail.groups) ? detail.groups.filter((item): item is string => typeof item === 'string') : [];
  return [{ group, groupIndex: typeof detail.groupIndex === 'number' ? detail.groupIndex : 0, baseId, unit: `${baseId}\u001f${record.repeat}`, decision, expectedGroups }];
}
