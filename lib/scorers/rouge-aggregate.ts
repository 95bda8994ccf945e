import type { MetricOf, Score } from '../results/index.ts';
import { bootstrapInterval } from '../stats/index.ts';
import { referenceCount } from './corpus-aggregate.ts';
import type { RougeTriple } from './text/rouge-score.ts';
import type { ScoredRecord } from './types.ts';

/** The rouge-score release whose behaviour this reproduces; it is named in the signature. */
export const ROUGE_SCORE_VERSION = '0.1.2';

/** The signature of a rouge configuration, e.g. `rouge-score:0.1.2|tok:default|stem:yes`. */
export function rougeSignature(params: { readonly tokenizer: string; readonly useStemmer: boolean }, nrefs: number | 'var'): string {
  return `nrefs:${nrefs}|tok:${params.tokenizer}|stem:${params.useStemmer ? 'yes' : 'no'}|rouge-score:${ROUGE_SCORE_VERSION}`;
}

/** Bootstrap resamples behind a ROUGE interval: rouge-score's `BootstrapAggregator` default. */
export const ROUGE_BOOTSTRAP_RESAMPLES = 1000;

interface RougeRow {
  readonly category: string | undefined;
  readonly triple: RougeTriple;
}

/**
 * The `rouge` scorer's summary metrics: per type `<id>.<type>` = the mean F over samples (what
 * rouge-score's aggregator reports as `mid`), with mean precision and recall, n, a seeded
 * percentile-bootstrap 95% interval of the mean F, `byCategory`, the signature, and a warning
 * when the default tokenizer emptied non-empty outputs (non-ASCII text such as Chinese).
 */
export function aggregateRouge(items: readonly ScoredRecord[], params: { readonly types: readonly string[]; readonly tokenizer: string; readonly useStemmer: boolean }, options: { id: string; seed: number }): Record<string, MetricOf<'text-overlap'>> {
  const scores = items.map((item) => item.score);
  const emptied = scores.filter((score) => (score.detail as { emptied?: unknown } | undefined)?.emptied === true).length;
  const signature = rougeSignature(params, referenceCount(scores));
  const metrics: Record<string, MetricOf<'text-overlap'>> = {};
  for (const type of params.types) {
    const rows: RougeRow[] = [];
    for (const { record, score } of items) {
      const triple = tripleOf(score, type);
      if (triple) rows.push({ category: record.category, triple });
    }
    const categories = new Map<string, RougeRow[]>();
    for (const row of rows) if (row.category !== undefined) categories.set(row.category, [...(categories.get(row.category) ?? []), row]);
    const byCategory: Record<string, MetricOf<'text-overlap'>> = {};
    for (const [category, group] of [...categories].sort(([a], [b]) => a.localeCompare(b))) byCategory[category] = meanMetric(group, options.seed);
    metrics[`${options.id}.${type}`] = {
      ...meanMetric(rows, options.seed),
      signature,
      scale: '0-1',
      ...(emptied > 0 && {
        emptiedOutputs: emptied,
        warning: `the default ROUGE tokenizer deleted every character of ${emptied} non-empty output(s) (it keeps only ASCII letters and digits); use tokenizer: cjk for Chinese`,
      }),
      interval: { method: 'bootstrap (percentile) over samples of the mean F', resamples: ROUGE_BOOTSTRAP_RESAMPLES, seed: options.seed },
      ...(categories.size > 0 && { byCategory }),
    };
  }
  return metrics;
}

function meanMetric(rows: readonly RougeRow[], seed: number): MetricOf<'text-overlap'> {
  const mean = (pick: (triple: RougeTriple) => number) => (group: readonly RougeRow[]) =>
    group.length === 0 ? null : group.reduce((sum, row) => sum + pick(row.triple), 0) / group.length;
  const f = mean((triple) => triple.fmeasure);
  const interval = bootstrapInterval(rows, f, { seed, resamples: ROUGE_BOOTSTRAP_RESAMPLES });
  return {
    kind: 'text-overlap',
    value: f(rows),
    n: rows.length,
    ...(interval.lo !== null && interval.hi !== null && { ci95: [interval.lo, interval.hi] as [number, number] }),
    precision: mean((triple) => triple.precision)(rows),
    recall: mean((triple) => triple.recall)(rows),
  };
}

function tripleOf(score: Score, type: string): RougeTriple | undefined {
  const value = (score.detail as Record<string, unknown> | undefined)?.[type] as RougeTriple | undefined;
  return value && typeof value.fmeasure === 'number' ? value : undefined;
}
