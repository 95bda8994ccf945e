import { clusteredStandardError, type ClusterKey } from './clustered-standard-error.ts';
import { normalQuantile, normalSurvival } from './normal.ts';
import { assertFinite, assertFiniteValues, assertOpenUnit, assertSameLength } from './validate.ts';

/** Options shared by the paired mean tests: per-question scores of two systems, same order. */
export interface PairedMeanOptions {
  /** Scores of system A (the baseline), one per question (a per-question mean over repeats is fine). */
  readonly a: readonly number[];
  /** Scores of system B (the candidate) on the same questions, in the same order. */
  readonly b: readonly number[];
  /** One cluster key per question; when given, the SE of the difference is cluster-robust (CR0). */
  readonly clusters?: readonly ClusterKey[];
}

/** The paired difference d̄ = mean(b − a) with its plug-in standard error. */
export interface PairedMeanDifference {
  readonly n: number;
  /** mean(b) − mean(a). */
  readonly diff: number;
  /** SE of diff: ddof = 0 plug-in, cluster-robust (CR0) when clusters are given; null with < 2 clusters. */
  readonly se: number | null;
  readonly clusterCount: number | null;
}

/**
 * Paired difference of two systems' per-question scores and its standard error.
 *
 * Miller (2024), "Adding Error Bars to Evals", arXiv 2411.00640, §4 (docs/metrics.md §4.3): with
 * d_i = b_i − a_i, SE = sqrt(Σ(d_i − d̄)²)/n (the plug-in, ddof = 0 form) or, clustered,
 * sqrt(Σ_c(Σ_{i∈c}(d_i − d̄))²)/n. On 0/1 scores the unclustered SE is exactly the matched-pairs
 * Wald SE of {@link pairedDifference} (Agresti 2013 §11.1), so both tests agree on binary data.
 *
 * @example
 * pairedMeanDifference({ a: [1,1,0,1,0,1,1,1,0,1], b: [1,0,0,1,0,0,1,1,0,0] }); // diff −0.3, se 0.144914
 */
export function pairedMeanDifference(options: PairedMeanOptions): PairedMeanDifference {
  const fn = 'pairedMeanDifference';
  const { a, b } = options;
  assertSameLength(fn, ['a', 'b'], a, b);
  assertFiniteValues(fn, 'a', a);
  assertFiniteValues(fn, 'b', b);
  const n = a.length;
  if (n === 0) throw new RangeError(`${fn}: needs at least one pair of scores, got none`);
  const d = a.map((value, i) => b[i]! - value);
  let diff = 0;
  for (const value of d) diff += value;
  diff /= n;
  if (options.clusters) {
    assertSameLength(fn, ['a', 'clusters'], a, options.clusters);
    return { n, diff, se: clusteredStandardError(d, options.clusters), clusterCount: new Set(options.clusters).size };
  }
  let squares = 0;
  for (const value of d) squares += (value - diff) ** 2;
  return { n, diff, se: Math.sqrt(squares) / n, clusterCount: null };
}

/** Result of {@link pairedZTest}. */
export interface PairedZTestResult extends PairedMeanDifference {
  readonly lo: number | null;
  readonly hi: number | null;
  /** Two-sided p-value of H0: diff = 0; null when the SE is undefined. */
  readonly pValue: number | null;
  readonly confidence: number;
}

/**
 * Two-sided paired z test and normal-approximation interval for mean(b) − mean(a), optionally
 * cluster-robust: z = d̄/SE, p = 2·(1 − Φ(|z|)), CI = d̄ ± z_{1−α/2}·SE (Miller 2024 §4,
 * docs/metrics.md §4.3). Used for clustered comparisons, where McNemar's independence assumption does
 * not hold. When SE = 0 the p-value is 1 if d̄ = 0 and 0 otherwise (every pair moved the same way).
 *
 * @example
 * pairedZTest({ a, b, clusters: templateIds }); // { diff, se, lo, hi, pValue, ... }
 */
export function pairedZTest(options: PairedMeanOptions & { readonly confidence?: number }): PairedZTestResult {
  const confidence = options.confidence ?? 0.95;
  assertOpenUnit('pairedZTest', 'confidence', confidence);
  const base = pairedMeanDifference(options);
  if (base.se === null) return { ...base, lo: null, hi: null, pValue: null, confidence };
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const pValue = base.se > 0 ? Math.min(1, 2 * normalSurvival(Math.abs(base.diff) / base.se)) : base.diff === 0 ? 1 : 0;
  return { ...base, lo: base.diff - z * base.se, hi: base.diff + z * base.se, pValue, confidence };
}

/** Result of {@link pairedMarginTest}. */
export interface PairedMarginTestResult extends PairedMeanDifference {
  readonly margin: number;
  readonly alpha: number;
  /** mean(a) − mean(b): how much worse B is; negative when B is better. */
  readonly drop: number;
  /** (drop − margin)/SE; ±Infinity when SE = 0; null when the SE is undefined. */
  readonly z: number | null;
  /** One-sided p = P(Z ≥ z) for H0: drop ≤ margin; null when the SE is undefined. */
  readonly pValue: number | null;
  /** True when the drop is larger than the margin and significantly so (pValue < alpha). */
  readonly inferior: boolean;
}

/**
 * The release-gate margin test of {@link nonInferiorityTest} generalised to continuous
 * per-question scores (means over repeats, partial-credit scores) and to clustered questions:
 * H0: drop ≤ margin against H1: drop > margin, z = (drop − margin)/SE, p = 1 − Φ(z),
 * inferior ⇔ p < alpha. On unclustered 0/1 data it returns exactly what
 * {@link nonInferiorityTest} returns (same Wald SE; Nam 1997, Biometrics 53:1422–1430).
 * SE from {@link pairedMeanDifference} (Miller 2024 §4; CR0 when clustered).
 *
 * @example
 * pairedMarginTest({ a: baseline, b: candidate, margin: 0.02, alpha: 0.05 });
 */
export function pairedMarginTest(
  options: PairedMeanOptions & { readonly margin: number; readonly alpha?: number },
): PairedMarginTestResult {
  const fn = 'pairedMarginTest';
  const alpha = options.alpha ?? 0.05;
  assertFinite(fn, 'margin', options.margin);
  if (options.margin < 0) throw new RangeError(`${fn}: margin must be ≥ 0, got ${options.margin}`);
  assertOpenUnit(fn, 'alpha', alpha);
  if (alpha >= 0.5) throw new RangeError(`${fn}: alpha must be below 0.5 for a one-sided test, got ${alpha}`);
  const base = pairedMeanDifference(options);
  const drop = -base.diff;
  const result = { ...base, margin: options.margin, alpha, drop };
  if (base.se === null) return { ...result, z: null, pValue: null, inferior: false };
  const excess = drop - options.margin;
  const z = base.se > 0 ? excess / base.se : excess > 0 ? Infinity : excess < 0 ? -Infinity : 0;
  const pValue = normalSurvival(z);
  return { ...result, z, pValue, inferior: pValue < alpha };
}
