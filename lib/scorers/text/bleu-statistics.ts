import { bleuTokenizer, type BleuTokenizer } from './bleu-tokenizers.ts';
import { pyRstrip, pySplit } from './python-strings.ts';

/** sacreBLEU's smoothing methods (Chen & Cherry 2014, WMT, "A Systematic Comparison of Smoothing Techniques for Sentence-Level BLEU"). */
export const BLEU_SMOOTHING = ['exp', 'floor', 'add-k', 'none'] as const;
export type BleuSmoothing = (typeof BLEU_SMOOTHING)[number];

/** Defaults of `smooth_value` per method (sacreBLEU `BLEU.SMOOTH_DEFAULTS`). */
export const BLEU_SMOOTH_DEFAULTS: Readonly<Record<BleuSmoothing, number | undefined>> = {
  exp: undefined,
  floor: 0.1,
  'add-k': 1,
  none: undefined,
};

/** The options that change BLEU's segment statistics or its score. */
export interface BleuOptions {
  readonly tokenize: BleuTokenizer;
  readonly lowercase: boolean;
  readonly smooth: BleuSmoothing;
  /** For `floor` and `add-k`; undefined means the method's default. */
  readonly smoothValue?: number | undefined;
  readonly maxNgramOrder: number;
  readonly effectiveOrder: boolean;
}

/** A BLEU score and what it was computed from (sacreBLEU `BLEUScore`). */
export interface BleuScore {
  /** 0–100, as sacreBLEU prints it. */
  readonly score: number;
  /** Matched and total n-grams per order, 1..maxNgramOrder. */
  readonly counts: readonly number[];
  readonly totals: readonly number[];
  readonly precisions: readonly number[];
  readonly bp: number;
  readonly sysLen: number;
  readonly refLen: number;
}

/** n-gram counts of one order: n-gram (tokens joined by a space) → count. */
type NgramCounts = Map<string, number>[];

/** The pre-processed n-grams of a sample's references: per n-gram the max count over references. */
export interface BleuReferenceInfo {
  readonly ngrams: NgramCounts;
  readonly lengths: readonly number[];
}

/** sacreBLEU `BLEU._preprocess_segment`: optional lowercasing, then the tokenizer on the right-stripped line. */
export function preprocessBleuSegment(text: string, options: Pick<BleuOptions, 'tokenize' | 'lowercase'>): string {
  const line = options.lowercase ? text.toLowerCase() : text;
  return bleuTokenizer(options.tokenize)(pyRstrip(line));
}

/** sacreBLEU `extract_all_word_ngrams`: n-grams of orders 1..maxOrder and the token count. */
function wordNgrams(line: string, maxOrder: number): { ngrams: NgramCounts; length: number } {
  const tokens = pySplit(line);
  const ngrams: NgramCounts = [];
  for (let n = 1; n <= maxOrder; n++) {
    const counts = new Map<string, number>();
    for (let i = 0; i + n <= tokens.length; i++) {
      const key = n === 1 ? tokens[i]! : tokens.slice(i, i + n).join(' ');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    ngrams.push(counts);
  }
  return { ngrams, length: tokens.length };
}

/** sacreBLEU `BLEU._extract_reference_info`: merged reference n-grams (max count) and lengths. */
export function bleuReferenceInfo(references: readonly string[], options: BleuOptions): BleuReferenceInfo {
  const merged: NgramCounts = Array.from({ length: options.maxNgramOrder }, () => new Map<string, number>());
  const lengths: number[] = [];
  for (const reference of references) {
    const { ngrams, length } = wordNgrams(preprocessBleuSegment(reference, options), options.maxNgramOrder);
    lengths.push(length);
    ngrams.forEach((counts, order) => {
      const target = merged[order]!;
      for (const [ngram, count] of counts) if ((target.get(ngram) ?? 0) < count) target.set(ngram, count);
    });
  }
  return { ngrams: merged, lengths };
}

/** The reference length closest to the hypothesis length; ties go to the shorter reference. */
export function closestReferenceLength(hypLength: number, refLengths: readonly number[]): number {
  let closestDiff = -1;
  let closestLength = -1;
  for (const length of refLengths) {
    const diff = Math.abs(hypLength - length);
    if (closestDiff === -1 || diff < closestDiff) {
      closestDiff = diff;
      closestLength = length;
    } else if (diff === closestDiff && length < closestLength) {
      closestLength = length;
    }
  }
  return closestLength;
}

/**
 * One segment's sufficient statistics, laid out as sacreBLEU's:
 * `[hypLen, refLen, correct_1..correct_N, total_1..total_N]` (clipped matches per order).
 */
export function bleuSegmentStatistics(hypothesis: string, references: BleuReferenceInfo, options: BleuOptions): number[] {
  const order = options.maxNgramOrder;
  const { ngrams, length } = wordNgrams(preprocessBleuSegment(hypothesis, options), order);
  const correct = new Array<number>(order).fill(0);
  const total = new Array<number>(order).fill(0);
  ngrams.forEach((counts, n) => {
    const refCounts = references.ngrams[n]!;
    for (const [ngram, count] of counts) {
      total[n]! += count;
      const refCount = refCounts.get(ngram);
      if (refCount !== undefined) correct[n]! += Math.min(count, refCount);
    }
  });
  return [length, closestReferenceLength(length, references.lengths), ...correct, ...total];
}

/** sacreBLEU `my_log`: log with log(0) floored to −9999999999. */
function flooredLog(value: number): number {
  return value === 0 ? -9999999999 : Math.log(value);
}

/**
 * BLEU from summed sufficient statistics, as sacreBLEU `BLEU.compute_bleu` (Papineni et al.
 * 2002; smoothing after Chen & Cherry 2014: `floor` = method 1, `add-k` = method 2, `exp` =
 * method 3, NIST mteval's). BP = exp(1 − r/c) when c < r. No match at all → 0.
 */
export function computeBleu(stats: readonly number[], options: Omit<BleuOptions, 'tokenize' | 'lowercase'>): BleuScore {
  const order = options.maxNgramOrder;
  const sysLen = stats[0]!;
  const refLen = stats[1]!;
  const correct = stats.slice(2, 2 + order);
  const total = stats.slice(2 + order, 2 + 2 * order);
  const smoothValue = options.smoothValue ?? BLEU_SMOOTH_DEFAULTS[options.smooth] ?? 0;
  let bp = 1;
  if (sysLen < refLen) bp = sysLen > 0 ? Math.exp(1 - refLen / sysLen) : 0;
  const precisions = new Array<number>(order).fill(0);
  const base = { counts: correct, totals: total, precisions, bp, sysLen, refLen };
  if (!correct.some((count) => count !== 0)) return { score: 0, ...base };
  let smoothMteval = 1;
  let effectiveOrder = order;
  for (let n = 1; n <= order; n++) {
    if (options.smooth === 'add-k' && n > 1) {
      correct[n - 1]! += smoothValue;
      total[n - 1]! += smoothValue;
    }
    if (total[n - 1] === 0) break;
    if (options.effectiveOrder) effectiveOrder = n;
    if (correct[n - 1] === 0) {
      if (options.smooth === 'exp') {
        smoothMteval *= 2;
        precisions[n - 1] = 100 / (smoothMteval * total[n - 1]!);
      } else if (options.smooth === 'floor') {
        precisions[n - 1] = (100 * smoothValue) / total[n - 1]!;
      }
    } else {
      precisions[n - 1] = (100 * correct[n - 1]!) / total[n - 1]!;
    }
  }
  let logSum = 0;
  for (let n = 0; n < effectiveOrder; n++) logSum += flooredLog(precisions[n]!);
  return { score: bp * Math.exp(logSum / effectiveOrder), ...base };
}

/**
 * sacreBLEU's BLEU signature, e.g. `nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0`
 * (`nrefs:var` when samples have different numbers of references).
 */
export function bleuSignature(options: BleuOptions, nrefs: number | 'var', version: string): string {
  const smoothDefault = BLEU_SMOOTH_DEFAULTS[options.smooth];
  const smooth = smoothDefault === undefined ? options.smooth : `${options.smooth}[${(options.smoothValue ?? smoothDefault).toFixed(2)}]`;
  const parts = [`nrefs:${nrefs}`, `case:${options.lowercase ? 'lc' : 'mixed'}`, `eff:${options.effectiveOrder ? 'yes' : 'no'}`, `tok:${options.tokenize}`, `smooth:${smooth}`];
  return [...parts, `version:${version}`].join('|');
}
