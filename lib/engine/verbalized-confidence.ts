import { compileLinearPattern, LINEAR_SPACE, linearMatches, type LinearPattern } from '../scorers/index.ts';

/** A confidence the answer states in words, and the answer without that statement. */
export interface StatedConfidence {
  /** In [0, 1]. */
  readonly value: number;
  /** The statement as written (e.g. "Confidence: 80%"). */
  readonly statement: string;
  /** The answer with the statement removed, for scoring. */
  readonly answer: string;
}

const S = LINEAR_SPACE;
const NUMBER = '([0-9０-９]{1,3}(?:[.．][0-9０-９]+)?)';
/**
 * English: "Confidence: 80%", "confidence level = 0.8", "(confidence 75 percent)", "I am 90% confident".
 * Chinese: "置信度：80%", "信心：80％", "把握为 0.8", "确信度约 70%". Full-width digits, colons and percent
 * signs match too (the answer itself is not rewritten). The last statement in the answer wins.
 * RE2, because they run on model output: with backtracking, the three optional space runs after
 * "confidence" made "confidence" + 2,000 spaces take 14 s.
 */
const STATEMENTS: readonly LinearPattern[] = [
  compileLinearPattern(String.raw`[(\[]?\b(?:confidence|certainty)(?:${S}+(?:level|score))?${S}*(?:[:：=]|is|of)?${S}*(?:about|around|approximately|~)?${S}*${NUMBER}${S}*(%|％|percent|/${S}*100)?[)\]]?`, 'i'),
  compileLinearPattern(String.raw`\b(?:i${S}*(?:am|'m)${S}+)?${NUMBER}${S}*(%|％|percent)${S}+(?:confident|sure|certain)\b`, 'i'),
  compileLinearPattern(String.raw`[(\[（【]?(?:置信度|置信水平|信心(?:程度|水平)?|确信度|把握(?:程度)?|可信度)${S}*(?:[:：=]|为|是)?${S}*(?:约|大约|大概)?${S}*${NUMBER}${S}*(%|％|分|/${S}*100)?[)\]）】]?`),
];

/**
 * Parses a verbalised confidence from an answer (Tian et al. 2023, "Just Ask for Calibration";
 * Xiong et al. 2024 elicit it as "Confidence: <0-100>%"). A number with `%` (or "percent", "/100",
 * "分") is a percentage; without it, a number ≤ 1 is a probability and one in (1, 100] a percentage.
 * Returns undefined when the answer states none, or a value above 100%.
 *
 * @example
 * parseStatedConfidence('Paris\nConfidence: 80%') // { value: 0.8, statement: 'Confidence: 80%', answer: 'Paris' }
 * parseStatedConfidence('巴黎。置信度：90%') // { value: 0.9, ..., answer: '巴黎。' }
 */
export function parseStatedConfidence(text: string): StatedConfidence | undefined {
  const folded = text;
  let best: { index: number; length: number; value: number } | undefined;
  for (const pattern of STATEMENTS) {
    for (const match of linearMatches(pattern, folded)) {
      const value = toProbability(match.groups[1]!, match.groups[2]);
      if (value === undefined) continue;
      if (!best || match.index >= best.index) best = { index: match.index, length: match.end - match.index, value };
    }
  }
  if (!best) return undefined;
  const statement = folded.slice(best.index, best.index + best.length);
  const answer = `${folded.slice(0, best.index)}${folded.slice(best.index + best.length)}`.replace(/[\s,;，；]+$/u, '').trim();
  return { value: best.value, statement: statement.trim(), answer };
}

function toProbability(number: string, unit: string | undefined): number | undefined {
  const value = Number(number.normalize('NFKC'));
  if (!Number.isFinite(value)) return undefined;
  const percent = unit !== undefined || value > 1 ? value / 100 : value;
  return percent >= 0 && percent <= 1 ? percent : undefined;
}
