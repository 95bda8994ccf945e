import { porterStem } from './porter-stemmer.ts';

/** Precision, recall and F1 of one ROUGE type (rouge-score `scoring.Score`). */
export interface RougeTriple {
  readonly precision: number;
  readonly recall: number;
  readonly fmeasure: number;
}

const NON_ALPHANUMERIC = /[^a-z0-9]+/g;
const VALID_TOKEN = /^[a-z0-9]+$/;
const HAN = /(\p{Script=Han})/gu;
const NON_TOKEN_CJK = /[^a-z0-9\p{Script=Han}]+/gu;
const VALID_CJK = /^(?:[a-z0-9]+|\p{Script=Han})$/u;

/**
 * rouge-score `tokenize.tokenize`: lowercase, every run of characters outside [a-z0-9] becomes a
 * space — so every non-ASCII letter is deleted, and Chinese text tokenizes to nothing — split on
 * whitespace, Porter-stem tokens longer than 3 characters, keep tokens matching ^[a-z0-9]+$.
 */
export function rougeTokenize(text: string, useStemmer: boolean): string[] {
  const tokens = text.toLowerCase().replace(NON_ALPHANUMERIC, ' ').split(/\s+/);
  return tokens.map((token) => (useStemmer && token.length > 3 ? porterStem(token) : token)).filter((token) => VALID_TOKEN.test(token));
}

/**
 * Verdict's `cjk` tokenizer (not in rouge-score): as {@link rougeTokenize}, except that each Han
 * character is kept as a token of its own (the usual character-level ROUGE for Chinese).
 */
export function rougeTokenizeCjk(text: string, useStemmer: boolean): string[] {
  const tokens = text.toLowerCase().replace(HAN, ' $1 ').replace(NON_TOKEN_CJK, ' ').split(/\s+/);
  return tokens
    .map((token) => (useStemmer && VALID_TOKEN.test(token) && token.length > 3 ? porterStem(token) : token))
    .filter((token) => VALID_CJK.test(token));
}

/** F1 = 2PR / (P + R), 0 when both are 0 (rouge-score `scoring.fmeasure`). */
function triple(precision: number, recall: number): RougeTriple {
  return { precision, recall, fmeasure: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0 };
}

const ZERO: RougeTriple = { precision: 0, recall: 0, fmeasure: 0 };

function ngramCounts(tokens: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = tokens.slice(i, i + n).join(' ');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** rouge-score `_score_ngrams`: clipped n-gram overlap; P over prediction n-grams, R over target n-grams. */
export function rougeN(target: readonly string[], prediction: readonly string[], n: number): RougeTriple {
  const targetCounts = ngramCounts(target, n);
  const predictionCounts = ngramCounts(prediction, n);
  let overlap = 0;
  for (const [ngram, count] of targetCounts) overlap += Math.min(count, predictionCounts.get(ngram) ?? 0);
  const targetTotal = Math.max(0, target.length - n + 1);
  const predictionTotal = Math.max(0, prediction.length - n + 1);
  return triple(overlap / Math.max(predictionTotal, 1), overlap / Math.max(targetTotal, 1));
}

/** The LCS length table (rouge-score `_lcs_table`), rows over `ref`, columns over `can`. */
function lcsTable(ref: readonly string[], can: readonly string[]): Int32Array[] {
  const table = Array.from({ length: ref.length + 1 }, () => new Int32Array(can.length + 1));
  for (let i = 1; i <= ref.length; i++) {
    const row = table[i]!;
    const above = table[i - 1]!;
    for (let j = 1; j <= can.length; j++) {
      row[j] = ref[i - 1] === can[j - 1] ? above[j - 1]! + 1 : Math.max(above[j]!, row[j - 1]!);
    }
  }
  return table;
}

/** rouge-score `_score_lcs` (ROUGE-L): P = LCS/|prediction|, R = LCS/|target|; 0 when either is empty. */
export function rougeL(target: readonly string[], prediction: readonly string[]): RougeTriple {
  if (target.length === 0 || prediction.length === 0) return ZERO;
  const lcs = lcsTable(target, prediction)[target.length]![prediction.length]!;
  return triple(lcs / prediction.length, lcs / target.length);
}

/** rouge-score `_backtrack_norec`: the indices into `ref` of one LCS. */
function lcsIndices(ref: readonly string[], can: readonly string[]): number[] {
  const table = lcsTable(ref, can);
  const indices: number[] = [];
  let i = ref.length;
  let j = can.length;
  while (i > 0 && j > 0) {
    if (ref[i - 1] === can[j - 1]) {
      indices.push(i - 1);
      i--;
      j--;
    } else if (table[i]![j - 1]! > table[i - 1]![j]!) {
      j--;
    } else {
      i--;
    }
  }
  return indices.reverse();
}

/**
 * rouge-score `_summary_level_lcs` (ROUGE-Lsum; Lin 2004 §3.2, as ROUGE-1.5.5): for each target
 * sentence the union of its LCS with every prediction sentence, counted against the tokens left
 * on both sides so no token is matched twice; P = hits/|prediction|, R = hits/|target|.
 */
export function rougeLsum(targetSentences: readonly (readonly string[])[], predictionSentences: readonly (readonly string[])[]): RougeTriple {
  if (targetSentences.length === 0 || predictionSentences.length === 0) return ZERO;
  const m = targetSentences.reduce((sum, sentence) => sum + sentence.length, 0);
  const n = predictionSentences.reduce((sum, sentence) => sum + sentence.length, 0);
  if (m === 0 || n === 0) return ZERO;
  const targetLeft = countTokens(targetSentences);
  const predictionLeft = countTokens(predictionSentences);
  let hits = 0;
  for (const sentence of targetSentences) {
    const union = new Set<number>();
    for (const candidate of predictionSentences) for (const index of lcsIndices(sentence, candidate)) union.add(index);
    for (const index of [...union].sort((a, b) => a - b)) {
      const token = sentence[index]!;
      if ((predictionLeft.get(token) ?? 0) > 0 && (targetLeft.get(token) ?? 0) > 0) {
        hits++;
        predictionLeft.set(token, predictionLeft.get(token)! - 1);
        targetLeft.set(token, targetLeft.get(token)! - 1);
      }
    }
  }
  return triple(hits / n, hits / m);
}

function countTokens(sentences: readonly (readonly string[])[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const sentence of sentences) for (const token of sentence) counts.set(token, (counts.get(token) ?? 0) + 1);
  return counts;
}

/** rougeLsum's sentences: the text split on "\n", empty lines dropped (rouge-score `get_sents`). */
export function rougeSentences(text: string): string[] {
  return text.split('\n').filter((line) => line.length > 0);
}
