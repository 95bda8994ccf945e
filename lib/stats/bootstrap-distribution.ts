import { sumOfSquaredDeviations } from './mean.ts';
import { percentileOfSorted, sortAscending } from './percentile.ts';
import type { Rng } from './rng.ts';
import { assertInteger, assertOpenUnit } from './validate.ts';

/** Options shared by every bootstrap in this module. */
export interface BootstrapOptions {
  /** Seed for {@link createRng}; record it with the result so the interval can be reproduced. */
  readonly seed: number;
  /** Number of bootstrap resamples B. @default 2000 (use ≥ 10,000 for release gates, docs/metrics.md §4.6) */
  readonly resamples?: number;
  /** Two-sided confidence level of the percentile interval. @default 0.95 */
  readonly confidence?: number;
}

/** Resolved bootstrap settings. Internal. */
export interface ResolvedBootstrapOptions {
  readonly seed: number;
  readonly resamples: number;
  readonly confidence: number;
}

/** The percentile interval and spread of a bootstrap distribution. Internal. */
export interface DistributionBounds {
  readonly lo: number | null;
  readonly hi: number | null;
  /** Standard deviation (ddof = 1) of the bootstrap estimates: the bootstrap standard error. */
  readonly se: number | null;
}

/** Applies defaults and validates. Internal. */
export function resolveBootstrapOptions(fn: string, options: BootstrapOptions): ResolvedBootstrapOptions {
  const resolved = { seed: options.seed, resamples: options.resamples ?? 2000, confidence: options.confidence ?? 0.95 };
  if (!Number.isSafeInteger(resolved.seed)) {
    throw new RangeError(`${fn}: seed must be an integer, got ${String(resolved.seed)}`);
  }
  assertInteger(fn, 'resamples', resolved.resamples, 1);
  assertOpenUnit(fn, 'confidence', resolved.confidence);
  return resolved;
}

/**
 * Percentile interval [q(α/2), q(1 − α/2)] of the bootstrap estimates (Efron & Tibshirani 1993,
 * "An Introduction to the Bootstrap", ch. 13), with numpy's linear (type 7) quantiles, plus the
 * bootstrap SE. All null when there are no estimates; se is null below two. Internal.
 */
export function boundDistribution(estimates: readonly number[], confidence: number): DistributionBounds {
  if (estimates.length === 0) return { lo: null, hi: null, se: null };
  const sorted = sortAscending(estimates);
  const tailPercent = ((1 - confidence) / 2) * 100;
  const se = estimates.length < 2 ? null : Math.sqrt(sumOfSquaredDeviations(estimates) / (estimates.length - 1));
  return { lo: percentileOfSorted(sorted, tailPercent), hi: percentileOfSorted(sorted, 100 - tailPercent), se };
}

/** n indices drawn uniformly with replacement from [0, n). Internal. */
export function drawIndices(rng: Rng, n: number, count = n): number[] {
  const indices = new Array<number>(count);
  for (let i = 0; i < count; i++) indices[i] = rng.nextInt(n);
  return indices;
}

/** Throws when a statistic returns NaN or ±Infinity instead of a number or null. Internal. */
export function checkStatistic(fn: string, value: number | null, where: string): number | null {
  if (value === null || Number.isFinite(value)) return value;
  throw new RangeError(
    `${fn}: statistic returned ${String(value)} on ${where}; return null when the statistic is undefined for a sample`,
  );
}
