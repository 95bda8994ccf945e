import type { Score } from '../results/index.ts';
import type { ScoreInput, Scorer } from './types.ts';

/**
 * Scores with a scorer known to be synchronous (every scorer that calls no port); throws for a
 * grader, whose promise must be awaited instead. For benches and tests of the plain scorers.
 */
export function scoreSync(scorer: Scorer, input: ScoreInput): Score {
  const score = scorer.score(input);
  if (score instanceof Promise) throw new Error(`scorer "${scorer.id}" is asynchronous; await scorer.score() instead`);
  return score;
}
