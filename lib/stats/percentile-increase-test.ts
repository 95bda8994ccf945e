import { percentileOfSorted, sortAscending } from './percentile.ts';
import { firstReaching, percentileBootstrapCdf } from './quantile-interval.ts';
import { assertFinite, assertFiniteValues } from './validate.ts';

/** Result of {@link percentileIncreaseTest}. */
export interface PercentileIncreaseResult {
  /** The observed increase: the candidate's p-th percentile minus the baseline's (numpy linear). */
  readonly increase: number;
  readonly baselineValue: number;
  readonly candidateValue: number;
  /** One-sided p for H0: increase ≤ margin, P*(increase* ≤ margin) under the bootstrap. */
  readonly pValue: number;
  /** 95% percentile-bootstrap interval of the increase. */
  readonly lo: number;
  readonly hi: number;
  readonly nBaseline: number;
  readonly nCandidate: number;
  readonly method: 'exact-two-sample-bootstrap-percentile';
}

/** Bootstrap mass left out at each end of a distribution's support; bounds the error of p. */
const TAIL = 1e-12;

/**
 * Did the p-th percentile of `candidate` rise by more than `margin` over `baseline`? Two
 * independent samples (two runs' request latencies), so the two-sample bootstrap: resample each
 * run with replacement, take each resample's type-7 percentile and their difference D*. The
 * one-sided p is P*(D* ≤ margin) — below α exactly when the one-sided (1 − α) percentile lower
 * bound of the increase is above the margin (interval inversion; Efron & Tibshirani 1993, §16.4
 * and ch. 13). The interval is that of `scipy.stats.bootstrap((a, b), stat, method='percentile')`
 * with stat = percentile(b) − percentile(a), as the number of resamples goes to infinity.
 *
 * Computed without resampling: each run's bootstrap percentile has the exact distribution of
 * {@link quantileInterval} (an order statistic's bootstrap CDF is binomial, Hutson & Ernst 2000;
 * the type-7 interpolation as a g-weighted mixture of two order statistics), and the two runs are
 * independent, so the law of D* is the convolution of the two. Mass below 1e-12 at either end of
 * each run's support is dropped, so the work is a few thousand points even for 100,000 requests.
 *
 * A percentile, not a rank test: Mann–Whitney U tests whether one run tends to be slower than the
 * other (P(X > Y) ≠ ½), which a tail regression of a few percent of requests barely moves.
 *
 * @example percentileIncreaseTest(before, after, 95, 100) // { increase: 410, pValue: 0.003, ... }
 */
export function percentileIncreaseTest(baseline: ArrayLike<number>, candidate: ArrayLike<number>, p: number, margin: number): PercentileIncreaseResult {
  assertFinite('percentileIncreaseTest', 'p', p);
  assertFinite('percentileIncreaseTest', 'margin', margin);
  if (p < 0 || p > 100) throw new RangeError(`percentileIncreaseTest: p must be between 0 and 100, got ${p}`);
  assertFiniteValues('percentileIncreaseTest', 'baseline', baseline);
  assertFiniteValues('percentileIncreaseTest', 'candidate', candidate);
  if (baseline.length === 0 || candidate.length === 0) throw new RangeError('percentileIncreaseTest: both samples need at least one value');
  const a = sortAscending(baseline);
  const b = sortAscending(candidate);
  const law = differenceLaw(bootstrapLaw(a, p), bootstrapLaw(b, p));
  let below = 0;
  for (const [value, mass] of law) if (value <= margin) below += mass;
  const baselineValue = percentileOfSorted(a, p);
  const candidateValue = percentileOfSorted(b, p);
  return {
    increase: candidateValue - baselineValue,
    baselineValue,
    candidateValue,
    pValue: Math.min(1, Math.max(0, below)),
    lo: quantileOfLaw(law, 0.025),
    hi: quantileOfLaw(law, 0.975),
    nBaseline: a.length,
    nCandidate: b.length,
    method: 'exact-two-sample-bootstrap-percentile',
  };
}

/** The bootstrap law of the p-th percentile of `sorted`: (value, mass) over the order statistics that carry mass. */
function bootstrapLaw(sorted: ArrayLike<number>, p: number): [number, number][] {
  const n = sorted.length;
  const cdf = percentileBootstrapCdf(n, p);
  const first = firstReaching(cdf, TAIL, n);
  const last = firstReaching(cdf, 1 - TAIL, n);
  const law: [number, number][] = [];
  let previous = cdf(first - 1);
  for (let j = first; j <= last; j++) {
    const current = j === last ? 1 : cdf(j);
    if (current > previous) law.push([sorted[j - 1]!, current - previous]);
    previous = current;
  }
  return law;
}

/** The law of B* − A* for independent A*, B*, sorted by value. */
function differenceLaw(a: readonly [number, number][], b: readonly [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  for (const [x, massA] of a) for (const [y, massB] of b) out.push([y - x, massA * massB]);
  return out.sort((left, right) => left[0] - right[0]);
}

/** The smallest value whose cumulative mass reaches `level`. */
function quantileOfLaw(law: readonly [number, number][], level: number): number {
  let total = 0;
  for (const [value, mass] of law) {
    total += mass;
    if (total >= level) return value;
  }
  return law[law.length - 1]![0];
}
