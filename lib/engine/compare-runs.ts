import { VerdictError } from '../errors/index.ts';
import type { Comparison } from '../results/index.ts';
import { adjustComparisons, compareSeries, pairSeries, sameAsAccuracy } from './compare-series.ts';
import type { SampleOutcomeView } from '../gate/index.ts';

/** One side of a cross-run comparison: a run's id, its per-candidate outcomes and candidate kinds. */
export interface RunOutcomes {
  readonly runId: string;
  readonly outcomes: ReadonlyMap<string, SampleOutcomeView>;
  readonly kinds: ReadonlyMap<string, string | undefined>;
}

/** A sample whose per-sample accuracy changed between the runs (0 → 1 or 1 → 0 with one repeat). */
export interface FlippedSample {
  readonly sampleId: string;
  readonly a: number;
  readonly b: number;
}

/** The paired analysis of one candidate pair across two runs. */
export interface RunPairReport {
  readonly a: string;
  readonly b: string;
  /** Samples both runs have, and those only one has (left out of every statistic). */
  readonly matched: number;
  readonly onlyInA: number;
  readonly onlyInB: number;
  /** Accuracy got worse (regressed) or better (improved) on these samples, largest change first. */
  readonly regressed: FlippedSample[];
  readonly improved: FlippedSample[];
}

/** The output of `verdict compare`. */
export interface RunComparison {
  readonly runA: string;
  readonly runB: string;
  readonly pairs: RunPairReport[];
  /** Every pair × metric, Holm-adjusted together. */
  readonly comparisons: Comparison[];
}

/**
 * Paired analysis of two runs of the same dataset: samples matched by id, each pair of candidates
 * (A's candidate vs B's) compared on `accuracy`, every `score.<id>` and every `accuracy.pass@<k>`
 * both runs have (except one that merely repeats accuracy), with the
 * same tests as in-run comparisons ({@link compareSeries}), Holm-adjusted across the output, plus
 * the samples that flipped.
 *
 * Default pairs: candidates with the same id in both runs, controls left out; when the runs share
 * none and each has exactly one non-control candidate, those two.
 */
export function compareRuns(runA: RunOutcomes, runB: RunOutcomes, options: { pairs?: readonly { a: string; b: string }[]; seed?: number } = {}): RunComparison {
  const pairs = options.pairs?.length ? [...options.pairs] : defaultPairs(runA, runB);
  const comparisons: Comparison[] = [];
  const reports: RunPairReport[] = [];
  for (const pair of pairs) {
    const a = lookup(runA, pair.a, 'runA');
    const b = lookup(runB, pair.b, 'runB');
    const bNames = [...b.metricNames, ...(b.passAtKNames ?? [])];
    for (const metric of [...a.metricNames, ...(a.passAtKNames ?? [])].filter((name) => bNames.includes(name))) {
      if (metric !== 'accuracy' && sameAsAccuracy(a, metric) && sameAsAccuracy(b, metric)) continue;
      const comparison = compareSeries({ a: { id: pair.a, outcomes: a }, b: { id: pair.b, outcomes: b }, metric, seed: options.seed ?? 0 });
      if (comparison) comparisons.push({ ...comparison, runA: runA.runId, runB: runB.runId });
    }
    reports.push(pairReport(pair, a, b));
  }
  return { runA: runA.runId, runB: runB.runId, pairs: reports, comparisons: adjustComparisons(comparisons) };
}

function defaultPairs(runA: RunOutcomes, runB: RunOutcomes): { a: string; b: string }[] {
  const models = (run: RunOutcomes) => [...run.outcomes.keys()].filter((id) => run.kinds.get(id) !== 'control');
  const shared = models(runA).filter((id) => runB.outcomes.has(id));
  if (shared.length > 0) return shared.map((id) => ({ a: id, b: id }));
  const [onlyA, onlyB] = [models(runA), models(runB)];
  if (onlyA.length === 1 && onlyB.length === 1) return [{ a: onlyA[0]!, b: onlyB[0]! }];
  throw new VerdictError(
    'USAGE',
    `compare: runs "${runA.runId}" (${onlyA.join(', ') || 'no models'}) and "${runB.runId}" (${onlyB.join(', ') || 'no models'}) share no candidate id; name the pairs with --pair <candidateInA>=<candidateInB>`,
  );
}

function lookup(run: RunOutcomes, id: string, side: string): SampleOutcomeView {
  const outcomes = run.outcomes.get(id);
  if (!outcomes) {
    throw new VerdictError('USAGE', `compare: ${side} "${run.runId}" has no candidate "${id}"; it has: ${[...run.outcomes.keys()].join(', ')}`);
  }
  return outcomes;
}

function pairReport(pair: { a: string; b: string }, a: SampleOutcomeView, b: SampleOutcomeView): RunPairReport {
  const series = pairSeries(a, b, 'accuracy')!;
  const regressed: FlippedSample[] = [];
  const improved: FlippedSample[] = [];
  series.ids.forEach((sampleId, i) => {
    const flip = { sampleId, a: series.a[i]!, b: series.b[i]! };
    if (flip.a > flip.b) regressed.push(flip);
    else if (flip.b > flip.a) improved.push(flip);
  });
  const bySize = (x: FlippedSample, y: FlippedSample) => Math.abs(y.a - y.b) - Math.abs(x.a - x.b);
  return {
    ...pair,
    matched: series.ids.length,
    onlyInA: a.means('accuracy')!.size - series.ids.length,
    onlyInB: b.means('accuracy')!.size - series.ids.length,
    regressed: regressed.sort(bySize),
    improved: improved.sort(bySize),
  };
}
