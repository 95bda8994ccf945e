import { binomialCdf, binomialSurvival } from './binomial.ts';
import { assertInteger } from './validate.ts';

/** Alternative hypothesis of a test. `greater`: A wins more discordant pairs than B. */
export type Alternative = 'two-sided' | 'greater' | 'less';

/** Result of {@link mcnemarExact}. */
export interface McNemarExactResult {
  /** Discordant pairs where only A was right. */
  readonly b: number;
  /** Discordant pairs where only B was right. */
  readonly c: number;
  readonly pValue: number;
  readonly alternative: Alternative;
  readonly test: 'mcnemar-exact';
}

/**
 * Exact McNemar test for paired binary outcomes: under H0 each of the b + c discordant pairs is
 * equally likely to favour either system, so b ~ Binomial(b + c, ½).
 *
 * McNemar (1947), Psychometrika 12:153–157; exact form as in Agresti (2013), "Categorical Data
 * Analysis" 3rd ed. §11.1. The p-value is exactly scipy
 * `binomtest(k=b, n=b+c, p=0.5, alternative=...).pvalue`:
 * - two-sided: min(1, 2·P(X ≤ min(b, c))) — the binomial is symmetric at p = ½, so scipy's
 *   "sum of outcomes no more likely than b" rule reduces to this;
 * - greater: P(X ≥ b); less: P(X ≤ b).
 * Tails are summed in log space ({@link binomialCdf}), so b + c in the tens of thousands is fine.
 * With no discordant pairs (b + c = 0) the p-value is 1 (scipy raises instead).
 * Source: docs/metrics.md §4.5 (b = 10, c = 2 → 0.03857421875).
 *
 * @param onlyA - b, the number of pairs only A got right.
 * @param onlyB - c, the number of pairs only B got right.
 * @example
 * mcnemarExact(1, 5); // { b: 1, c: 5, pValue: 0.21875, alternative: 'two-sided', test: 'mcnemar-exact' }
 */
export function mcnemarExact(
  onlyA: number,
  onlyB: number,
  options: { readonly alternative?: Alternative } = {},
): McNemarExactResult {
  assertInteger('mcnemarExact', 'onlyA', onlyA);
  assertInteger('mcnemarExact', 'onlyB', onlyB);
  const alternative = options.alternative ?? 'two-sided';
  const n = onlyA + onlyB;
  return { b: onlyA, c: onlyB, pValue: exactPValue(onlyA, n, alternative), alternative, test: 'mcnemar-exact' };
}

function exactPValue(b: number, n: number, alternative: Alternative): number {
  if (n === 0) return 1;
  switch (alternative) {
    case 'two-sided':
      // |b − c| ≤ 1 means P(X ≤ min(b, c)) ≥ ½ exactly; return 1 rather than 1 − 3e-15 of rounding.
      if (Math.abs(2 * b - n) <= 1) return 1;
      return Math.min(1, 2 * binomialCdf(Math.min(b, n - b), n, 0.5));
    case 'greater':
      return binomialSurvival(b, n, 0.5);
    case 'less':
      return binomialCdf(b, n, 0.5);
    default:
      throw new RangeError(
        `mcnemarExact: alternative must be 'two-sided', 'greater' or 'less', got ${String(alternative)}`,
      );
  }
}
