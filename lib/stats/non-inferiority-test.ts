import { normalQuantile, normalSurvival } from './normal.ts';
import { countDiscordantPairs, pairedWald, type BinaryOutcome, type PairedCounts } from './paired-difference.ts';
import { assertFinite, assertOpenUnit } from './validate.ts';

/** Options for {@link nonInferiorityTest}. */
export interface NonInferiorityOptions {
  /** Baseline outcomes, one per question. */
  readonly a: readonly BinaryOutcome[];
  /** Candidate outcomes on the same questions, in the same order. */
  readonly b: readonly BinaryOutcome[];
  /** Largest tolerated drop in accuracy, as a proportion (0.02 = 2 points); 0 ≤ margin < 1. */
  readonly margin: number;
  /** One-sided significance level. @default 0.05 */
  readonly alpha?: number;
}

/** Result of {@link nonInferiorityTest}. */
export interface NonInferiorityResult extends PairedCounts {
  /** p_candidate − p_baseline; negative when the candidate is worse. */
  readonly diff: number;
  /** Wald SE of diff (see {@link pairedDifference}). */
  readonly se: number;
  /** (1 − 2α) two-sided interval for diff, so `inferior` ⇔ hi < −margin. */
  readonly lo: number;
  readonly hi: number;
  readonly confidence: number;
  readonly margin: number;
  readonly alpha: number;
  /** (drop − margin)/SE with drop = −diff; ±Infinity when SE = 0. */
  readonly z: number;
  /** One-sided p = P(Z ≥ z) for H0: drop ≤ margin. */
  readonly pValue: number;
  /** True when the drop is larger than the margin and significantly so (pValue < alpha). */
  readonly inferior: boolean;
}

/**
 * Release-gate test on paired binary outcomes: fail only when the candidate's accuracy drop is
 * larger than `margin` AND that is statistically significant.
 *
 * With drop = p_baseline − p_candidate = (onlyA − onlyB)/n, test H0: drop ≤ margin against
 * H1: drop > margin using the paired Wald statistic
 *   z = (drop − margin) / SE,  SE = sqrt((onlyA + onlyB) − (onlyA − onlyB)²/n) / n,
 *   p = P(Z ≥ z) = 1 − Φ(z);  inferior ⇔ p < alpha.
 * This is the unrestricted-variance Wald form of the paired-proportion margin test (Nam 1997,
 * "Establishing equivalence of two treatments and sample size requirements in matched-pairs
 * design", Biometrics 53:1422–1430, and Liu, Hsueh, Hsieh & Chen 2002, Statist. Med. 21:231–245,
 * who recommend the score (restricted) variance instead; the Wald form is simpler and somewhat
 * liberal when discordant pairs are few). Small samples therefore pass unless the drop is large:
 * absence of evidence is not a failure — pair the gate with a minimum n.
 *
 * The direction is the reverse of a classic non-inferiority claim (which rejects H0: drop ≥ margin
 * to *prove* the candidate is not worse); Verdict's gate blocks only on evidence of harm.
 *
 * @example
 * // baseline right on 50 items the candidate misses, candidate right on 10 the baseline misses
 * nonInferiorityTest({ a, b, margin: 0.05 }); // n 200: drop 0.2, z 4.1603, p 1.6e-5, inferior true
 */
export function nonInferiorityTest(options: NonInferiorityOptions): NonInferiorityResult {
  const fn = 'nonInferiorityTest';
  const { margin } = options;
  const alpha = options.alpha ?? 0.05;
  assertFinite(fn, 'margin', margin);
  if (margin < 0 || margin >= 1) throw new RangeError(`${fn}: margin must be in [0, 1), got ${margin}`);
  assertOpenUnit(fn, 'alpha', alpha);
  if (alpha >= 0.5) throw new RangeError(`${fn}: alpha must be below 0.5 for a one-sided test, got ${alpha}`);
  const counts = countDiscordantPairs(options.a, options.b);
  if (counts.n === 0) throw new RangeError(`${fn}: needs at least one pair of outcomes, got none`);
  const { diff, se } = pairedWald(counts);
  const excess = -diff - margin;
  const z = se > 0 ? excess / se : excess > 0 ? Infinity : excess < 0 ? -Infinity : 0;
  const pValue = normalSurvival(z);
  const zOneSided = normalQuantile(1 - alpha);
  return {
    ...counts,
    diff,
    se,
    lo: Math.max(-1, diff - zOneSided * se),
    hi: Math.min(1, diff + zOneSided * se),
    confidence: 1 - 2 * alpha,
    margin,
    alpha,
    z,
    pValue,
    inferior: pValue < alpha,
  };
}
