import type { Metric } from '../../results/index.ts';
import { bradleyTerryIntervals, type PairedComparison } from '../../stats/index.ts';
import type { ScoredRecord } from '../types.ts';
import { outcomeValue, type Outcome } from './pairwise-outcome.ts';

/**
 * Bradley–Terry strengths over every pairwise judgement of a run: each candidate's combined
 * (both-order) outcome against its baseline is one comparison (win 1, tie ½, loss 0), so with
 * several candidates judged against one baseline — or against each other — the strengths put
 * them on one scale. `judge.<id>.bt_strength` per candidate (and for a baseline candidate of
 * this run), with a seeded percentile-bootstrap interval over comparisons. Needs two or more
 * candidates with judgements; otherwise nothing is reported.
 */
export function rankCandidates(byCandidate: ReadonlyMap<string, readonly ScoredRecord[]>, options: { id: string; seed: number }): Record<string, Record<string, Metric>> {
  const comparisons: PairedComparison[] = [];
  for (const [candidate, items] of byCandidate) {
    for (const { score } of items) {
      const detail = score.detail;
      if (!detail || detail.unscored === true || typeof detail.outcome !== 'string' || typeof detail.baseline !== 'string') continue;
      comparisons.push({ a: candidate, b: detail.baseline, score: outcomeValue(detail.outcome as Outcome) });
    }
  }
  const judged = new Set(comparisons.map((comparison) => comparison.a));
  if (judged.size < 2) return {};
  const intervals = bradleyTerryIntervals(comparisons, { seed: options.seed, resamples: 500 });
  const out: Record<string, Record<string, Metric>> = {};
  for (const [player, { strength, lo, hi }] of Object.entries(intervals)) {
    const n = comparisons.filter((comparison) => comparison.a === player || comparison.b === player).length;
    out[player] = {
      [`judge.${options.id}.bt_strength`]: {
        kind: 'ranking',
        value: strength,
        n,
        ...(Number.isFinite(lo) && Number.isFinite(hi) && { ci95: [lo, hi] }),
        note: 'Bradley–Terry strength (geometric mean 1 over the players), ties half a win, prior 0.5 games per pair',
        players: Object.keys(intervals).length,
      },
    };
  }
  return out;
}
