import { isBmpOnly, pySplit } from './python-strings.ts';

/** The options of sacreBLEU's chrF (Popović 2015; chrF++ with `wordOrder: 2`, Popović 2017). */
export interface ChrfOptions {
  readonly charOrder: number;
  readonly wordOrder: number;
  readonly beta: number;
  readonly lowercase: boolean;
  /** Keep whitespace inside character n-grams (sacreBLEU `whitespace`; default false). */
  readonly whitespace: boolean;
  /** chrF++.py / NLTK / Moses-style ε smoothing instead of the effective-order average. */
  readonly epsSmoothing: boolean;
}

type Counts = Map<string, number>;

/** Python's `string.punctuation`, which chrF++ splits off word ends. */
const PUNCTUATION = new Set('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~');

/** A sample's references, pre-processed: per reference, n-gram counts per order (chars, then words). */
export type ChrfReferenceInfo = readonly (readonly Counts[])[];

function countNgrams(units: readonly string[] | string, n: number, join: string): Counts {
  const counts: Counts = new Map();
  const length = units.length;
  for (let i = 0; i + n <= length; i++) {
    const key = typeof units === 'string' ? units.slice(i, i + n) : units.slice(i, i + n).join(join);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** sacreBLEU `extract_all_char_ngrams`: whitespace removed unless kept; code points, not UTF-16 units. */
function charNgrams(line: string, options: ChrfOptions): Counts[] {
  const text = options.whitespace ? line : pySplit(line).join('');
  const units = isBmpOnly(text) ? text : Array.from(text);
  const out: Counts[] = [];
  for (let n = 1; n <= options.charOrder; n++) out.push(countNgrams(units, n, ''));
  return out;
}

/** sacreBLEU `CHRF._remove_punctuation`: one punctuation mark split off the end, else the start, of each word. */
export function splitChrfWords(sentence: string): string[] {
  const words: string[] = [];
  for (const word of pySplit(sentence)) {
    if (Array.from(word).length === 1) words.push(word);
    else if (PUNCTUATION.has(word[word.length - 1]!)) words.push(word.slice(0, -1), word[word.length - 1]!);
    else if (PUNCTUATION.has(word[0]!)) words.push(word[0]!, word.slice(1));
    else words.push(word);
  }
  return words;
}

function allNgrams(line: string, options: ChrfOptions): Counts[] {
  const text = options.lowercase ? line.toLowerCase() : line;
  const ngrams = charNgrams(text, options);
  if (options.wordOrder > 0) {
    const words = splitChrfWords(text);
    for (let n = 1; n <= options.wordOrder; n++) ngrams.push(countNgrams(words, n, ' '));
  }
  return ngrams;
}

/** Every reference's n-grams. */
export function chrfReferenceInfo(references: readonly string[], options: ChrfOptions): ChrfReferenceInfo {
  return references.map((reference) => allNgrams(reference, options));
}

/**
 * sacreBLEU `CHRF._compute_f_score` on `[hyp, ref, match]` triples per order (characters, then
 * words): by default the F_β of the precision and recall averaged over the orders both sides
 * have; with `epsSmoothing` the mean of per-order F_β with ε = 1e-16 for empty orders. 0–100.
 */
export function computeChrf(stats: readonly number[], options: Pick<ChrfOptions, 'charOrder' | 'wordOrder' | 'beta' | 'epsSmoothing'>): number {
  const eps = 1e-16;
  const order = options.charOrder + options.wordOrder;
  const factor = options.beta ** 2;
  let score = 0;
  let effectiveOrder = 0;
  let avgPrecision = 0;
  let avgRecall = 0;
  for (let i = 0; i < order; i++) {
    const nHyp = stats[3 * i]!;
    const nRef = stats[3 * i + 1]!;
    const nMatch = stats[3 * i + 2]!;
    const precision = nHyp > 0 ? nMatch / nHyp : eps;
    const recall = nRef > 0 ? nMatch / nRef : eps;
    const denominator = factor * precision + recall;
    score += denominator > 0 ? ((1 + factor) * precision * recall) / denominator : eps;
    if (nHyp > 0 && nRef > 0) {
      avgPrecision += precision;
      avgRecall += recall;
      effectiveOrder++;
    }
  }
  if (options.epsSmoothing) return (100 * score) / order;
  if (effectiveOrder === 0) {
    avgPrecision = 0;
    avgRecall = 0;
  } else {
    avgPrecision /= effectiveOrder;
    avgRecall /= effectiveOrder;
  }
  if (avgPrecision + avgRecall === 0) return 0;
  return (100 * ((1 + factor) * avgPrecision * avgRecall)) / (factor * avgPrecision + avgRecall);
}

/**
 * One segment's statistics, `[hyp, ref, match]` per order, against the reference with the best
 * F (the first on ties), as sacreBLEU `CHRF._compute_segment_statistics`. A reference without
 * n-grams of an order counts no hypothesis n-grams there either.
 */
export function chrfSegmentStatistics(hypothesis: string, references: ChrfReferenceInfo, options: ChrfOptions): number[] {
  const hypNgrams = allNgrams(hypothesis, options);
  let best: number[] = [];
  let bestF = -1;
  for (const refNgrams of references) {
    const stats: number[] = [];
    hypNgrams.forEach((hyp, i) => {
      const ref = refNgrams[i]!;
      let matches = 0;
      let hypCount = 0;
      for (const [ngram, count] of hyp) {
        hypCount += count;
        const refCount = ref.get(ngram);
        if (refCount !== undefined) matches += Math.min(count, refCount);
      }
      let refCount = 0;
      for (const count of ref.values()) refCount += count;
      stats.push(ref.size > 0 ? hypCount : 0, refCount, matches);
    });
    const f = computeChrf(stats, options);
    if (f > bestF) {
      bestF = f;
      best = stats;
    }
  }
  return best;
}

/** sacreBLEU's chrF signature, e.g. `nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0`. */
export function chrfSignature(options: ChrfOptions, nrefs: number | 'var', version: string): string {
  return [
    `nrefs:${nrefs}`,
    `case:${options.lowercase ? 'lc' : 'mixed'}`,
    `eff:${options.epsSmoothing ? 'no' : 'yes'}`,
    `nc:${options.charOrder}`,
    `nw:${options.wordOrder}`,
    `space:${options.whitespace ? 'yes' : 'no'}`,
    `version:${version}`,
  ].join('|');
}
