import {
  boundDistribution,
  drawIndices,
  resolveBootstrapOptions,
  type BootstrapOptions,
} from './bootstrap-distribution.ts';
import { sumOf } from './mean.ts';
import { createRng } from './rng.ts';
import { assertFiniteValues, assertSameLength } from './validate.ts';

/** Options for {@link pairedBootstrap}. */
export interface PairedBootstrapOptions extends BootstrapOptions {
  /** Scores of system A, one per shared question. */
  readonly a: readonly number[];
  /** Scores of system B on the same questions, in the same order. */
  readonly b: readonly number[];
  /** Aggregate applied to each system's (resampled) scores. @default the arithmetic mean */
  readonly statistic?: (values: readonly number[]) => number;
}

/** Result of {@link pairedBootstrap}; `diff` is statistic(a) − statistic(b). */
export interface PairedBootstrapResult {
  readonly diff: number;
  /** Percentile interval of the bootstrap distribution of the difference. */
  readonly lo: number;
  readonly hi: number;
  /** Bootstrap standard error of the difference (std, ddof = 1, of d*); null when B = 1. */
  readonly se: number | null;
  /** Two-sided p-value: 2 · min(P*(d ≤ 0), P*(d ≥ 0)), capped at 1. */
  readonly pValue: number;
  readonly n: number;
  readonly resamples: number;
  readonly confidence: number;
  readonly seed: number;
}

/**
 * Paired bootstrap for the difference between two systems scored on the same questions.
 *
 * Each resample draws n question indices with replacement and uses the same indices for both
 * systems: d* = stat(a[idx]) − stat(b[idx]) (Koehn 2004, "Statistical Significance Tests for
 * Machine Translation Evaluation", EMNLP; docs/metrics.md §4.6). The interval is the percentile
 * interval of d*. The p-value inverts that interval — it is about the smallest α at which the
 * (1 − α) percentile interval excludes 0: 2 · min(#{d* ≤ 0}, #{d* ≥ 0}) / B, capped at 1. This is not
 * sacrebleu's centred `(#(stats > diff) + 1)/(B + 1)` p-value; the two agree only roughly.
 * Its resolution is 2/B: use B ≥ 10,000 for gates.
 *
 * For clustered questions, build pair objects and use {@link clusteredBootstrapInterval} with a
 * statistic that returns the difference.
 *
 * @example
 * pairedBootstrap({ a: scoresNew, b: scoresOld, seed: 1, resamples: 10_000 });
 * // { diff: 0.3, lo: 0.0, hi: 0.6, se: 0.145, pValue: 0.07, n: 10, ... }
 */
export function pairedBootstrap(options: PairedBootstrapOptions): PairedBootstrapResult {
  const fn = 'pairedBootstrap';
  const { a, b } = options;
  assertSameLength(fn, ['a', 'b'], a, b);
  assertFiniteValues(fn, 'a', a);
  assertFiniteValues(fn, 'b', b);
  if (a.length === 0) throw new RangeError(`${fn}: needs at least one pair of scores, got none`);
  const settings = resolveBootstrapOptions(fn, options);
  const statistic = options.statistic ?? arithmeticMean;
  const n = a.length;
  const rng = createRng(settings.seed);
  const diffs = new Array<number>(settings.resamples);
  let atOrBelowZero = 0;
  let atOrAboveZero = 0;
  for (let r = 0; r < settings.resamples; r++) {
    const indices = drawIndices(rng, n);
    const d = statistic(indices.map((i) => a[i])) - statistic(indices.map((i) => b[i]));
    if (!Number.isFinite(d)) throw new RangeError(`${fn}: statistic gave a non-finite difference (${d}) on resample ${r}`);
    diffs[r] = d;
    if (d <= 0) atOrBelowZero++;
    if (d >= 0) atOrAboveZero++;
  }
  const { lo, hi, se } = boundDistribution(diffs, settings.confidence);
  const pValue = Math.min(1, (2 * Math.min(atOrBelowZero, atOrAboveZero)) / settings.resamples);
  return {
    diff: statistic(a) - statistic(b),
    // diffs is never empty (resamples ≥ 1), so the bounds are never null.
    lo: lo as number,
    hi: hi as number,
    se,
    pValue,
    n,
    ...settings,
  };
}

function arithmeticMean(values: readonly number[]): number {
  return sumOf(values) / values.length;
}
