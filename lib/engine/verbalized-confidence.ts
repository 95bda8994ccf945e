/** A confidence the answer states in words, and the answer without that statement. */
export interface StatedConfidence {
  /** In [0, 1]. */
  readonly value: number;
  /** The statement as written (e.g. "Confidence: 80%"). */
  readonly statement: string;
  /** The answer with the statement removed, for scoring. */
  readonly answer: string;
}

const NUMBER = String.raw`([0-9０-９]{1,3}(?:[.．][0-9０-９]+)?)`;
/**
 * English: "Confidence: 80%", "confidence level = 0.8", "(confidence 75 percent)", "I am 90% confident".
 * Chinese: "置信度：80%", "信心：80％", "把握为 0.8", "确信度约 70%". Full-width digits, colons and percent
 * signs match too (the answer itself is not rewritten). The last statement in the answer wins.
 */
const STATEMENTS: readonly RegExp[] = [
  new RegExp(String.raw`[(\[]?\b(?:confidence|certainty)(?:\s+(?:level|score))?\s*(?:[:：=]|is|of)?\s*(?:about|around|approximately|~)?\s*${NUMBER}\s*(%|％|percent|/\s*100)?[)\]]?`, 'gi'),
  new RegExp(String.raw`\b(?:i\s*(?:am|'m)\s+)?${NUMBER}\s*(%|％|percent)\s+(?:confident|sure|certain)\b`, 'gi'),
  new RegExp(String.raw`[(\[（【]?(?:置信度|置信水平|信心(?:程度|水平)?|确信度|把握(?:程度)?|可信度)\s*(?:[:：=]|为|是)?\s*(?:约|大约|大概)?\s*${NUMBER}\s*(%|％|分|/\s*100)?[)\]）】]?`, 'g'),
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
    for (const match of folded.matchAll(pattern)) {
      const value = toProbability(match[1]!, match[2]);
      if (value === undefined) continue;
      if (!best || match.index >= best.index) best = { index: match.index, length: match[0].length, value };
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
