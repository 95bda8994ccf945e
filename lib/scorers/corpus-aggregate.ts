import type { MetricOf, Score } from '../results/index.ts';
import { corpusBootstrapInterval } from '../stats/index.ts';
import type { CorpusStatistic, ScoredRecord } from './types.ts';

/** Bootstrap resamples behind a corpus metric's interval: sacreBLEU's `--confidence` default. */
export const CORPUS_BOOTSTRAP_RESAMPLES = 1000;

/** The sufficient statistics a corpus scorer stored on a score, or undefined. */
export function corpusStatsOf(score: Score | undefined): number[] | undefined {
  const stats = (score?.detail as { stats?: unknown } | undefined)?.stats;
  return Array.isArray(stats) && stats.every((value) => typeof value === 'number') ? (stats as number[]) : undefined;
}

/** `n` when every record had n references, `var` otherwise (sacreBLEU's `nrefs`). */
export function referenceCount(scores: readonly Score[]): number | 'var' {
  const counts = new Set(scores.map((score) => Number((score.detail as { nrefs?: unknown } | undefined)?.nrefs ?? 1)));
  return counts.size === 1 ? [...counts][0]! : counts.size === 0 ? 1 : 'var';
}

/**
 * The summary metric of a corpus scorer: the corpus score over all of a candidate's scored records,
 * overall and `byCategory`, each with n and a seeded percentile-bootstrap 95% interval over
 * records of the corpus statistic ({@link corpusBootstrapInterval}), plus the signature.
 */
export function aggregateCorpusMetric(items: readonly ScoredRecord[], corpus: CorpusStatistic, options: { seed: number }): Record<string, MetricOf<'text-overlap'>> {
  const rows: { stats: number[]; category: string | undefined; score: Score }[] = [];
  for (const { record, score } of items) {
    const stats = corpusStatsOf(score);
    if (stats) rows.push({ stats, category: record.category, score });
  }
  const categories = new Map<string, number[][]>();
  for (const row of rows) {
    if (row.category === undefined) continue;
    const group = categories.get(row.category);
    if (group) group.push(row.stats);
    else categories.set(row.category, [row.stats]);
  }
  const byCategory: Record<string, MetricOf<'text-overlap'>> = {};
  for (const [category, group] of [...categories].sort(([a], [b]) => a.localeCompare(b))) byCategory[category] = corpusValue(group, corpus, options.seed);
  const overall = corpusValue(rows.map((row) => row.stats), corpus, options.seed);
  const summed = sumAll(rows.map((row) => row.stats));
  return {
    [corpus.metric]: {
      ...overall,
      signature: corpus.signature(referenceCount(rows.map((row) => row.score))),
      scale: '0-100',
      ...(summed && corpus.describe && { corpus: corpus.describe(summed) }),
      interval: { method: 'bootstrap (percentile) over records of the corpus statistic', resamples: CORPUS_BOOTSTRAP_RESAMPLES, seed: options.seed },
      ...(categories.size > 0 && { byCategory }),
    },
  };
}

function corpusValue(rows: readonly number[][], corpus: CorpusStatistic, seed: number): MetricOf<'text-overlap'> {
  const result = corpusBootstrapInterval(rows, (summed) => corpus.score(summed), { seed, resamples: CORPUS_BOOTSTRAP_RESAMPLES });
  return {
    kind: 'text-overlap',
    value: result.estimate,
    n: rows.length,
    ...(result.lo !== null && result.hi !== null && { ci95: [result.lo, result.hi] as [number, number] }),
  };
}

function sumAll(rows: readonly number[][]): number[] | undefined {
  if (rows.length === 0) return undefined;
  const out = new Array<number>(rows[0]!.length).fill(0);
  for (const row of rows) {
    for (let j = 0; j < row.length; j++) out[j]! += row[j]!;
  }
  return out;
}
