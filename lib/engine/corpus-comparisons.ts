import type { Comparison } from '../results/index.ts';
import { pairedApproximateRandomization, pairedCorpusBootstrap } from '../stats/index.ts';
import type { SampleOutcomeView } from '../gate/index.ts';

/** Paired bootstrap resamples for a corpus comparison: sacreBLEU `--paired-bs` default. */
export const CORPUS_BOOTSTRAP_RESAMPLES = 1000;
/** Approximate-randomisation trials: sacreBLEU `--paired-ar` default. */
export const CORPUS_AR_TRIALS = 10_000;

/** Options of {@link compareCorpusMetric}. */
export interface CompareCorpusOptions {
  readonly a: { readonly id: string; readonly outcomes: SampleOutcomeView };
  readonly b: { readonly id: string; readonly outcomes: SampleOutcomeView };
  /** The corpus metric (the scorer id: `bleu`, `chrf`, `ter`). */
  readonly metric: string;
  readonly seed: number;
}

/**
 * The paired comparison of two candidates on a corpus metric (BLEU, chrF, TER), on the samples
 * both have: the corpus score of each side from its summed statistics, `diff` = b − a, a 95%
 * percentile interval and p from paired bootstrap resampling of the statistics (Koehn 2004, as
 * sacreBLEU `--paired-bs`, 1,000 resamples), and the approximate-randomisation p beside it
 * (Riezler & Maxwell 2005, as `--paired-ar`, 10,000 trials). `pValue` is the bootstrap's, the
 * one Holm adjusts; `counts` compare the per-sample scores. Undefined when either lacks the metric.
 */
export function compareCorpusMetric(options: CompareCorpusOptions): Comparison | undefined {
  const left = options.a.outcomes.corpus?.(options.metric);
  const right = options.b.outcomes.corpus?.(options.metric);
  if (!left || !right) return undefined;
  const ids = [...left.stats.keys()].filter((id) => right.stats.has(id));
  const head = { a: options.a.id, b: options.b.id, metric: options.metric, n: ids.length };
  const score = (summed: readonly number[]) => left.statistic.score(summed);
  const a = ids.map((id) => left.stats.get(id)!);
  const b = ids.map((id) => right.stats.get(id)!);
  const counts = { aHigher: 0, bHigher: 0, ties: 0 };
  ids.forEach((_, i) => {
    const difference = score(b[i]!) - score(a[i]!);
    if (difference === 0) counts.ties++;
    else if ((difference > 0) === left.statistic.higherIsBetter) counts.bHigher++;
    else counts.aHigher++;
  });
  const base = { ...head, test: 'paired-bootstrap-corpus' as const, pAdjusted: null, significant: false, counts };
  if (ids.length === 0) return { ...base, valueA: null, valueB: null, diff: null, pValue: null };
  const boot = pairedCorpusBootstrap({ a, b, score, seed: options.seed, resamples: CORPUS_BOOTSTRAP_RESAMPLES });
  const ar = pairedApproximateRandomization({ a, b, score, seed: options.seed, resamples: CORPUS_AR_TRIALS });
  return {
    ...base,
    valueA: boot.scoreA,
    valueB: boot.scoreB,
    diff: boot.diff,
    ci95: [boot.lo, boot.hi],
    pValue: boot.pValue,
    resamples: boot.resamples,
    seed: boot.seed,
    higherIsBetter: left.statistic.higherIsBetter,
    approximateRandomization: { pValue: ar.pValue, trials: ar.resamples, seed: ar.seed },
  };
}
