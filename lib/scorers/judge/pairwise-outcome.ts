import type { Position } from './parse-verdict.ts';

/** The candidate's result against the baseline. */
export type Outcome = 'win' | 'tie' | 'loss';

/** Which answer was shown first: `ab` the candidate's, `ba` the baseline's. */
export type Order = 'ab' | 'ba';

/** A position verdict seen from the candidate's side, given the order the answers were shown in. */
export function outcomeOf(order: Order, position: Position): Outcome {
  if (position === 'tie') return 'tie';
  const candidateFirst = order === 'ab';
  return (position === 'A') === candidateFirst ? 'win' : 'loss';
}

/** Both orders of one comparison, combined. */
export interface CombinedOutcome {
  readonly outcome: Outcome;
  /** Both orders gave the same result (a position-biased judge never does). */
  readonly consistent: boolean;
}

/**
 * Combines the verdicts of both orders: a win (or loss) counts only when both orders agree;
 * any disagreement is a tie (Zheng et al. 2023, "Judging LLM-as-a-judge", §3.4 conservative swap).
 *
 * @example
 * combineOrders('win', 'win')  // { outcome: 'win', consistent: true }
 * combineOrders('win', 'loss') // { outcome: 'tie', consistent: false }: the judge followed the position
 */
export function combineOrders(candidateFirst: Outcome, baselineFirst: Outcome): CombinedOutcome {
  const consistent = candidateFirst === baselineFirst;
  return { outcome: consistent ? candidateFirst : 'tie', consistent };
}

/** A result as a score value: win 1, tie ½, loss 0. */
export function outcomeValue(outcome: Outcome): number {
  return outcome === 'win' ? 1 : outcome === 'tie' ? 0.5 : 0;
}
