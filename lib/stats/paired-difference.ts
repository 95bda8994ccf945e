import { normalQuantile } from './normal.ts';
import { assertOpenUnit, assertSameLength, toBinary } from './validate.ts';

/** A binary outcome: true or 1 for a correct answer, false or 0 otherwise (other numbers throw). */
export type BinaryOutcome = boolean | number;

/** The 2×2 table of paired binary outcomes. */
export interface PairedCounts {
  readonly n: number;
  /** Right under A, wrong under B (McNemar's b). */
  readonly onlyA: number;
  /** Wrong under A, right under B (McNemar's c). */
  readonly onlyB: number;
  readonly both: number;
  readonly neither: number;
}

/**
 * Cross-tabulates two paired lists of binary outcomes (same questions, same order).
 *
 * @example
 * countDiscordantPairs([1, 1, 0, 0], [1, 0, 1, 0]); // { n: 4, onlyA: 1, onlyB: 1, both: 1, neither: 1 }
 */
export function countDiscordantPairs(a: readonly BinaryOutcome[], b: readonly BinaryOutcome[]): PairedCounts {
  const fn = 'countDiscordantPairs';
  assertSameLength(fn, ['a', 'b'], a, b);
  const counts = { n: a.length, onlyA: 0, onlyB: 0, both: 0, neither: 0 };
  for (let i = 0; i < a.length; i++) {
    const x = toBinary(fn, 'a', i, a[i]);
    const y = toBinary(fn, 'b', i, b[i]);
    if (x === 1 && y === 1) counts.both++;
    else if (x === 1) counts.onlyA++;
    else if (y === 1) counts.onlyB++;
    else counts.neither++;
  }
  return counts;
}

/** Result of {@link pairedDifference}: diff = p_b − p_a with its Wald interval. */
export interface PairedDifference extends PairedCounts {
  readonly diff: number;
  readonly se: number;
  readonly lo: number;
  readonly hi: number;
  readonly confidence: number;
}

/**
 * Difference of two paired proportions, p_b − p_a = (onlyB − onlyA)/n, with the Wald interval
 * for matched pairs:
 *   SE = sqrt( (onlyA + onlyB) − (onlyB − onlyA)²/n ) / n,   diff ± z·SE
 * Agresti (2013), "Categorical Data Analysis" 3rd ed. §11.1 (comparing dependent proportions);
 * the same as Miller (2024) arXiv 2411.00640 §4's paired SE with ddof = 0. Bounds clipped to
 * [−1, 1].
 *
 * Deliberate choice: Wald, not Newcombe (1998) method 10 — simpler, and it matches the z test
 * of {@link nonInferiorityTest}. It is too narrow when discordant pairs are few (SE is 0 when
 * they all go one way); check {@link mcnemarExact} then.
 *
 * @param a - outcomes of system A (the baseline), one per question.
 * @param b - outcomes of system B (the candidate) on the same questions.
 * @example
 * pairedDifference([1,1,0,1,0,1,1,1,0,1], [1,0,0,1,0,0,1,1,0,0]); // diff −0.3, se 0.144914
 */
export function pairedDifference(
  a: readonly BinaryOutcome[],
  b: readonly BinaryOutcome[],
  options: { readonly confidence?: number } = {},
): PairedDifference {
  const confidence = options.confidence ?? 0.95;
  assertOpenUnit('pairedDifference', 'confidence', confidence);
  const counts = countDiscordantPairs(a, b);
  if (counts.n === 0) throw new RangeError('pairedDifference: needs at least one pair of outcomes, got none');
  const { diff, se } = pairedWald(counts);
  const z = normalQuantile(1 - (1 - confidence) / 2);
  return {
    ...counts,
    diff,
    se,
    lo: Math.max(-1, diff - z * se),
    hi: Math.min(1, diff + z * se),
    confidence,
  };
}

/** diff = (onlyB − onlyA)/n and its Wald SE. Internal. */
export function pairedWald(counts: PairedCounts): { diff: number; se: number } {
  const { n, onlyA, onlyB } = counts;
  const net = onlyB - onlyA;
  // Clamp at 0: (b + c) − (b − c)²/n ≥ 0 always, but rounding can dip below when all pairs are discordant.
  const variance = Math.max(0, onlyA + onlyB - (net * net) / n);
  return { diff: net / n, se: Math.sqrt(variance) / n };
}
