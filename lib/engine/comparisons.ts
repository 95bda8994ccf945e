import type { Comparison } from '../results/index.ts';
import { adjustComparisons, compareSeries, sameAsAccuracy } from './compare-series.ts';
import { compareCorpusMetric } from './corpus-comparisons.ts';
import type { SampleOutcomes } from './sample-outcomes.ts';

/** A candidate pair to compare; the comparison reports b − a. */
export interface CandidatePair {
  readonly a: string;
  readonly b: string;
}

/** Options of {@link compareCandidates}. */
export interface CompareCandidatesOptions {
  /** Candidate ids in run order, with their kind (`control` pairs are skipped by default). */
  readonly candidates: readonly { readonly id: string; readonly kind?: string }[];
  /** The spec's `compare:` pairs; when given, only these are compared. */
  readonly pairs?: readonly CandidatePair[];
  readonly seed: number;
}

/**
 * The in-run comparisons of summary.json: for each pair, `accuracy`, every `score.<id>`, each
 * `accuracy.pass@<k>` the primary scorer asks for (paired by task on the per-task unbiased
 * pass@k: a paired bootstrap, or exact McNemar when every value is 0 or 1, as at k = n) and
 * every corpus metric (BLEU, chrF, TER: {@link compareCorpusMetric}), Holm-adjusted together
 * (one family per run).
 *
 * Default pairs: every pair in run order (a before b), except control vs control — comparing
 * `oracle` with `echo` says nothing about a model and would only widen the Holm family. Pairs a
 * spec names are compared whatever their kind; a named candidate missing from this run (e.g.
 * filtered out by `--candidate`) is skipped.
 *
 * A `score.<id>` or pass@k comparison that would repeat the `accuracy` one exactly (the primary
 * scorer's score when it is pass/fail; pass@1, which is each task's pass rate) is left out for
 * the same reason, as is a pass@k some task has fewer than k samples for.
 */
export function compareCandidates(outcomes: ReadonlyMap<string, SampleOutcomes>, options: CompareCandidatesOptions): Comparison[] {
  const comparisons: Comparison[] = [];
  for (const pair of candidatePairs(options)) {
    const a = outcomes.get(pair.a);
    const b = outcomes.get(pair.b);
    if (!a || !b) continue;
    for (const metric of [...a.metricNames, ...(a.passAtKNames ?? [])]) {
      if (metric !== 'accuracy' && sameAsAccuracy(a, metric) && sameAsAccuracy(b, metric)) continue;
      const comparison = compareSeries({ a: { id: pair.a, outcomes: a }, b: { id: pair.b, outcomes: b }, metric, seed: options.seed });
      if (comparison) comparisons.push(comparison);
    }
    for (const metric of a.corpusMetricNames ?? []) {
      const comparison = compareCorpusMetric({ a: { id: pair.a, outcomes: a }, b: { id: pair.b, outcomes: b }, metric, seed: options.seed });
      if (comparison) comparisons.push(comparison);
    }
  }
  return adjustComparisons(comparisons);
}

function candidatePairs(options: CompareCandidatesOptions): CandidatePair[] {
  if (options.pairs) return [...options.pairs];
  const pairs: CandidatePair[] = [];
  const { candidates } = options;
  for (let i = 0; i < candidates.length; i++) {
    for (let j = i + 1; j < candidates.length; j++) {
      if (candidates[i]!.kind === 'control' && candidates[j]!.kind === 'control') continue;
      pairs.push({ a: candidates[i]!.id, b: candidates[j]!.id });
    }
  }
  return pairs;
}

