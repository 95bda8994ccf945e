import { boundDistribution, drawIndices, resolveBootstrapOptions, type BootstrapOptions } from './bootstrap-distribution.ts';
import { createRng, type Rng } from './rng.ts';
import type { BootstrapResult } from './bootstrap.ts';

/**
 * A corpus-level score computed from summed per-segment sufficient statistics (BLEU, chrF, TER):
 * every segment contributes a fixed-length vector and the score sees only their sum.
 */
export type CorpusScore = (summed: readonly number[]) => number;

/** Per-segment statistic vectors, all of one length. */
export type SegmentStatistics = readonly (readonly number[])[];

function sumRows(rows: SegmentStatistics, indices: readonly number[] | null, width: number, out: number[]): number[] {
  out.fill(0);
  const count = indices ? indices.length : rows.length;
  for (let k = 0; k < count; k++) {
    const row = rows[indices ? indices[k]! : k]!;
    for (let j = 0; j < width; j++) out[j]! += row[j]!;
  }
  return out;
}

function widthOf(fn: string, rows: SegmentStatistics): number {
  const width = rows[0]?.length ?? 0;
  for (const row of rows) {
    if (row.length !== width) throw new RangeError(`${fn}: every segment needs ${width} statistics, got one with ${row.length}`);
  }
  return width;
}

/** Result of {@link corpusBootstrapInterval}: a bootstrap interval, where no resample is ever skipped. */
export type CorpusBootstrapResult = Omit<BootstrapResult, 'skipped'>;

/**
 * Percentile bootstrap interval of a corpus score over segments (Efron & Tibshirani 1993, ch. 13):
 * each resample draws n segments with replacement, sums their statistics and scores the sum — the
 * resampling sacreBLEU's `--confidence` does (`significance._bootstrap_resample`), with numpy-linear
 * percentile bounds instead of its `n // 40` order statistics. Seeded by {@link createRng}.
 */
export function corpusBootstrapInterval(rows: SegmentStatistics, score: CorpusScore, options: BootstrapOptions): CorpusBootstrapResult {
  const fn = 'corpusBootstrapInterval';
  const settings = resolveBootstrapOptions(fn, options);
  const n = rows.length;
  if (n === 0) return { estimate: null, lo: null, hi: null, se: null, n, ...settings };
  const width = widthOf(fn, rows);
  const scratch = new Array<number>(width);
  const rng = createRng(settings.seed);
  const estimates = new Array<number>(settings.resamples);
  for (let r = 0; r < settings.resamples; r++) estimates[r] = score(sumRows(rows, drawIndices(rng, n), width, scratch));
  const bounds = boundDistribution(estimates, settings.confidence);
  return { estimate: score(sumRows(rows, null, width, scratch)), ...bounds, n, ...settings };
}

/** Options of {@link pairedCorpusBootstrap} and {@link pairedApproximateRandomization}. */
export interface PairedCorpusOptions extends BootstrapOptions {
  /** Baseline system's segment statistics. */
  readonly a: SegmentStatistics;
  /** The other system's statistics on the same segments, in the same order. */
  readonly b: SegmentStatistics;
  readonly score: CorpusScore;
}

/** Result of a paired corpus test; `diff` is score(b) − score(a). */
export interface PairedCorpusResult {
  readonly scoreA: number;
  readonly scoreB: number;
  readonly diff: number;
  /** sacreBLEU's p-value: (#{trial statistic > |diff|} + 1) / (trials + 1); 1 when diff = 0. */
  readonly pValue: number;
  readonly n: number;
  readonly resamples: number;
  readonly seed: number;
}

/** {@link PairedCorpusResult} of the bootstrap, with the percentile interval of b* − a*. */
export interface PairedCorpusBootstrapResult extends PairedCorpusResult {
  readonly lo: number;
  readonly hi: number;
  readonly confidence: number;
}

function checkPair(fn: string, options: PairedCorpusOptions): number {
  if (options.a.length !== options.b.length) throw new RangeError(`${fn}: a and b need the same segments, got ${options.a.length} and ${options.b.length}`);
  if (options.a.length === 0) throw new RangeError(`${fn}: needs at least one segment, got none`);
  const width = widthOf(fn, options.a);
  if (widthOf(fn, options.b) !== width) throw new RangeError(`${fn}: a and b have statistics of different lengths`);
  return width;
}

/** (#{stat > observed} + 1)/(B + 1) (multeval, as sacreBLEU `_compute_p_value`). */
function exceedanceP(statistics: readonly number[], observed: number): number {
  let count = 0;
  for (const value of statistics) if (value > observed) count++;
  return (count + 1) / (statistics.length + 1);
}

/**
 * Paired bootstrap resampling (Koehn 2004, "Statistical Significance Tests for Machine
 * Translation Evaluation", EMNLP), as sacreBLEU's `--paired-bs` (`significance._paired_bs_test`):
 * the same resampled segment indices for both systems; the test statistic of each resample is
 * |b* − a*| centred on its bootstrap mean, and p = (#{centred > |b − a|} + 1)/(B + 1). The
 * interval is the percentile interval of b* − a*. Default B = 1,000 (sacreBLEU's). Our seeded
 * stream is not numpy's, so p agrees with sacreBLEU's statistically, not digit for digit.
 * sacreBLEU returns 1/(B + 1) for two identical systems; here p = 1 when the difference is 0.
 */
export function pairedCorpusBootstrap(options: PairedCorpusOptions): PairedCorpusBootstrapResult {
  const { scoreA, scoreB, diffs, settings } = pairedCorpusBootstrapDraws('pairedCorpusBootstrap', options);
  const absolute = diffs.map(Math.abs);
  const centre = absolute.reduce((sum, value) => sum + value, 0) / absolute.length;
  const diff = scoreB - scoreA;
  const pValue = diff === 0 ? 1 : exceedanceP(absolute.map((value) => value - centre), Math.abs(diff));
  const { lo, hi } = boundDistribution(diffs, settings.confidence);
  return { scoreA, scoreB, diff, pValue, lo: lo!, hi: hi!, n: options.a.length, ...settings };
}

/**
 * Paired approximate randomisation (Riezler & Maxwell 2005, "On Some Pitfalls in Automatic
 * Evaluation and Significance Testing for MT"), as sacreBLEU's `--paired-ar`
 * (`significance._paired_ar_test`): each trial swaps every segment's two outputs with
 * probability ½ and scores both pseudo-systems; p = (#{|a' − b'| > |a − b|} + 1)/(R + 1).
 * Default R = 10,000 (sacreBLEU's). p = 1 when the two scores are equal (see above).
 */
export function pairedApproximateRandomization(options: PairedCorpusOptions): PairedCorpusResult {
  const fn = 'pairedApproximateRandomization';
  const width = checkPair(fn, options);
  const settings = resolveBootstrapOptions(fn, { ...options, resamples: options.resamples ?? 10_000 });
  const n = options.a.length;
  const totalA = sumRows(options.a, null, width, new Array<number>(width));
  const totalB = sumRows(options.b, null, width, new Array<number>(width));
  const scoreA = options.score(totalA);
  const scoreB = options.score(totalB);
  // Swapping segment i moves (b_i − a_i) from B's total to A's: one pass over the swapped rows.
  const deltas = options.a.map((row, i) => row.map((value, j) => options.b[i]![j]! - value));
  const rng = createRng(settings.seed);
  const shuffledA = new Array<number>(width);
  const shuffledB = new Array<number>(width);
  const statistics = new Array<number>(settings.resamples);
  for (let r = 0; r < settings.resamples; r++) {
    for (let j = 0; j < width; j++) {
      shuffledA[j] = totalA[j]!;
      shuffledB[j] = totalB[j]!;
    }
    swapHalf(rng, deltas, width, shuffledA, shuffledB);
    statistics[r] = Math.abs(options.score(shuffledA) - options.score(shuffledB));
  }
  const diff = scoreB - scoreA;
  const pValue = diff === 0 ? 1 : exceedanceP(statistics, Math.abs(diff));
  return { scoreA, scoreB, diff, pValue, n, resamples: settings.resamples, seed: settings.seed };
}

function swapHalf(rng: Rng, deltas: readonly (readonly number[])[], width: number, a: number[], b: number[]): void {
  let bits = 0;
  let left = 0;
  for (const delta of deltas) {
    if (left === 0) {
      bits = rng.nextUint32();
      left = 32;
    }
    const swap = (bits & 1) === 1;
    bits >>>= 1;
    left--;
    if (!swap) continue;
    for (let j = 0; j < width; j++) {
      a[j]! += delta[j]!;
      b[j]! -= delta[j]!;
    }
  }
}

/** Result of {@link corpusMarginTest}. */
export interface CorpusMarginResult {
  /** score(a) − score(b): how much b lost against the baseline a (orientation-corrected). */
  readonly drop: number;
  /** One-sided p for H0: drop ≤ margin, from the centred bootstrap distribution of the drop. */
  readonly pValue: number;
  readonly lo: number;
  readonly hi: number;
  readonly n: number;
  readonly resamples: number;
  readonly seed: number;
}

/**
 * The baseline gate's paired test for a corpus metric: the paired bootstrap of
 * {@link pairedCorpusBootstrap}, one-sided against a margin — p = (#{d* − mean(d*) ≥ drop − margin} + 1)/(B + 1)
 * with d* the resampled drops (the shift method of Koehn 2004 / sacreBLEU, moved to the margin).
 * `higherIsBetter: false` (TER) counts a rise as the drop.
 */
export function corpusMarginTest(options: PairedCorpusOptions & { readonly margin: number; readonly higherIsBetter: boolean }): CorpusMarginResult {
  const boot = pairedCorpusBootstrapDraws('corpusMarginTest', options);
  const sign = options.higherIsBetter ? -1 : 1;
  const drop = sign * (boot.scoreB - boot.scoreA) + 0; // + 0: no −0 in reports
  const drops = boot.diffs.map((value) => sign * value);
  const centre = drops.reduce((sum, value) => sum + value, 0) / drops.length;
  let count = 0;
  for (const value of drops) if (value - centre >= drop - options.margin) count++;
  const { lo, hi } = boundDistribution(drops, 0.95);
  return { drop, pValue: (count + 1) / (drops.length + 1), lo: lo!, hi: hi!, n: options.a.length, resamples: drops.length, seed: boot.settings.seed };
}

/** Scores of both systems and b* − a* over B paired resamples (the same indices for both). */
function pairedCorpusBootstrapDraws(fn: string, options: PairedCorpusOptions) {
  const width = checkPair(fn, options);
  const settings = resolveBootstrapOptions(fn, { ...options, resamples: options.resamples ?? 1000 });
  const scratch = new Array<number>(width);
  const scoreA = options.score(sumRows(options.a, null, width, scratch));
  const scoreB = options.score(sumRows(options.b, null, width, scratch));
  const rng = createRng(settings.seed);
  const diffs = new Array<number>(settings.resamples);
  for (let r = 0; r < settings.resamples; r++) {
    const indices = drawIndices(rng, options.a.length);
    diffs[r] = options.score(sumRows(options.b, indices, width, scratch)) - options.score(sumRows(options.a, indices, width, scratch));
  }
  return { scoreA, scoreB, diffs, settings };
}
