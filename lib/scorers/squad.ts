/**
 * SQuAD exact match and token F1, ported from the official `evaluate-v2.0.py`
 * (Rajpurkar et al. 2016/2018; the same code is HF evaluate's `squad_v2/compute_score.py`).
 * See docs/metrics.md §5.4 for the test vectors.
 *
 * Deliberate omission: tokens are whitespace-separated, as in the reference script, so text
 * without spaces (Chinese, Japanese, Thai) is one token per run and F1 degrades to exact match
 * on those runs. Articles removed are English only; punctuation removed is ASCII only.
 */

/** Python's `string.punctuation`: the 32 ASCII punctuation characters, and nothing else. */
const ASCII_PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g;

/**
 * `\b(a|an|the)\b` with Python's Unicode `\b`: a word character is a letter, a number or `_`
 * in any script (JavaScript's `\b` is ASCII-only, so "éa" would lose its "a").
 */
const ARTICLES = /(?<![\p{L}\p{N}_])(?:a|an|the)(?![\p{L}\p{N}_])/gu;

/** The characters Python's `str.split()` splits on (`str.isspace`), which differ slightly from `\s`. */
const PYTHON_WHITESPACE = /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

/**
 * The official `normalize_answer`: lower-case → delete ASCII punctuation → replace the articles
 * a/an/the with a space → collapse whitespace. Punctuation is deleted, not replaced by a space,
 * and before articles are removed: "rock-n-roll" → "rocknroll".
 *
 * @example
 * squadNormalize('The Denver Broncos!') // 'denver broncos'
 */
export function squadNormalize(text: string): string {
  const lowered = text.toLowerCase();
  const withoutPunctuation = lowered.replace(ASCII_PUNCTUATION, '');
  const withoutArticles = withoutPunctuation.replace(ARTICLES, ' ');
  return squadTokens(withoutArticles).join(' ');
}

/** Splits like Python's `str.split()` with no argument (no empty tokens). */
function squadTokens(text: string): string[] {
  return text.split(PYTHON_WHITESPACE).filter((token) => token !== '');
}

/** The official `compute_exact`: 1 when both normalise to the same string, else 0. */
export function squadExactMatch(gold: string, prediction: string): number {
  return squadNormalize(gold) === squadNormalize(prediction) ? 1 : 0;
}

/**
 * The official `compute_f1`: harmonic mean of token precision and recall over the multiset of
 * normalised tokens. When either side is empty it is 1 only if both are (SQuAD v2 no-answer).
 *
 * @example
 * squadF1('rock n roll', 'rock') // 0.5
 */
export function squadF1(gold: string, prediction: string): number {
  const goldTokens = squadTokens(squadNormalize(gold));
  const predictionTokens = squadTokens(squadNormalize(prediction));
  if (goldTokens.length === 0 || predictionTokens.length === 0) {
    return goldTokens.length === predictionTokens.length ? 1 : 0;
  }
  const shared = countSharedTokens(goldTokens, predictionTokens);
  if (shared === 0) return 0;
  const precision = shared / predictionTokens.length;
  const recall = shared / goldTokens.length;
  return (2 * precision * recall) / (precision + recall);
}

/** `sum((Counter(gold) & Counter(prediction)).values())`. */
function countSharedTokens(gold: readonly string[], prediction: readonly string[]): number {
  const remaining = new Map<string, number>();
  for (const token of gold) remaining.set(token, (remaining.get(token) ?? 0) + 1);
  let shared = 0;
  for (const token of prediction) {
    const count = remaining.get(token) ?? 0;
    if (count > 0) {
      remaining.set(token, count - 1);
      shared++;
    }
  }
  return shared;
}

/** EM and F1 of one prediction, each the maximum over the gold answers. */
export interface SquadScores {
  readonly exactMatch: number;
  readonly f1: number;
}

/**
 * Scores a prediction against several gold answers the way the official script does per
 * question: golds that normalise to "" are dropped, no golds left means the no-answer gold
 * `[""]`, and EM and F1 are each the maximum over the golds.
 *
 * @example
 * squadMaxScores(['1976', 'in the year 1976'], 'in 1976') // { exactMatch: 0, f1: 0.8 }
 */
export function squadMaxScores(golds: readonly string[], prediction: string): SquadScores {
  const answerable = golds.filter((gold) => squadNormalize(gold) !== '');
  const usable = answerable.length > 0 ? answerable : [''];
  let exactMatch = 0;
  let f1 = 0;
  for (const gold of usable) {
    exactMatch = Math.max(exactMatch, squadExactMatch(gold, prediction));
    f1 = Math.max(f1, squadF1(gold, prediction));
  }
  return { exactMatch, f1 };
}
