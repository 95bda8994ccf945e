/**
 * Finds the final numeric answer in a model's output, the way GSM8K-style graders do
 * (Cobbe et al. 2021, `openai/grade-school-math` `dataset.py`, which reads the number after
 * `####`), extended for free-form chat answers.
 *
 * Where the answer is looked for, first rule that applies:
 * 1. after the last `####`: the first number there;
 * 2. inside the last `\boxed{...}` (or `\fbox{...}`): the first number there;
 * 3. after the last "answer is" / "answer:" (any case; also 答案是 / 答案为 / 答案:): the first number;
 * 4. otherwise the last number anywhere in the text.
 * When rule 1–3 applies but its part of the text holds no number, the result is null: the model
 * named an answer that is not a number, and guessing from its working would score noise.
 *
 * What a number is: an optional minus (`-` or `−`, not straight after a letter or digit, so
 * `16-3` is 16 and 3), an optional currency sign ($ € £ ¥, before or after the minus), digits
 * with optional comma thousands separators (`1,234,567`; `1,2` is two numbers), an optional
 * decimal part, and an optional `/integer` making a fraction (`3/4` is 0.75, also from
 * `\frac{3}{4}`). A trailing `%` or `.` is ignored: "50%" is 50. Text is NFKC-normalised first,
 * so full-width digits count. Digits glued to a preceding ASCII letter (`x2`, `mp3`) are not a
 * number.
 *
 * Deliberate omissions: decimal commas (`1.234,5`), space thousands (`1 234`), scientific
 * notation, mixed numbers (`1 1/2`) and number words ("five").
 */

/**
 * One number token. The named groups are read by {@link parseNumberMatch}.
 * `(?<![A-Za-z0-9_/])` keeps `x2`, the `3` of `16-3` and the `2020` of `1/2/2020` from starting a number;
 * a space may follow a currency sign only, so a bullet "- 42" is 42, not −42.
 */
const NUMBER =
  /(?<![A-Za-z0-9_/])(?<minus>[-−]?)(?:[$€£¥]\s?)?(?<minus2>[-−]?)(?<digits>\d{1,3}(?:,\d{3})+(?!\d)|\d+|(?=\.\d))(?<decimals>\.\d+)?(?:\/(?<denominator>\d+)(?![\d/.]))?/gu;

const MARKERS: readonly RegExp[] = [/####/g, /\banswer\s*(?:is\b|:)|答案\s*(?:是|为|:)/giu];

/**
 * The final numeric answer in `text`, or null when there is none.
 *
 * @example
 * extractFinalNumber('The answer is $1,234.50.') // 1234.5
 * extractFinalNumber('so 3 + 4 = 7\n#### 7 apples') // 7
 * extractFinalNumber('no number here') // null
 */
export function extractFinalNumber(text: string): number | null {
  const prepared = prepareText(text);
  const afterHashes = textAfterLast(prepared, MARKERS[0]!);
  if (afterHashes !== undefined) return firstNumber(afterHashes);
  const boxed = lastBoxedContent(prepared);
  if (boxed !== undefined) return firstNumber(boxed);
  const afterAnswer = textAfterLast(prepared, MARKERS[1]!);
  if (afterAnswer !== undefined) return firstNumber(afterAnswer);
  return lastNumber(prepared);
}

/** NFKC, then LaTeX spellings of numbers: `\frac{3}{4}` → `3/4`, `1{,}000` → `1,000`, `\$` → `$`. */
function prepareText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\\[dt]?frac\{\s*([\d.,]+)\s*\}\{\s*(\d+)\s*\}/g, '$1/$2')
    .replace(/\{,\}/g, ',')
    .replace(/\\([$%])/g, '$1');
}

function textAfterLast(text: string, marker: RegExp): string | undefined {
  let end: number | undefined;
  for (const match of text.matchAll(marker)) end = match.index + match[0].length;
  return end === undefined ? undefined : text.slice(end);
}

/** The content of the last `\boxed{...}` / `\fbox{...}`, braces balanced; unclosed runs to the end. */
function lastBoxedContent(text: string): string | undefined {
  const start = Math.max(text.lastIndexOf('\\boxed{'), text.lastIndexOf('\\fbox{'));
  if (start < 0) return undefined;
  const open = text.indexOf('{', start);
  let depth = 0;
  for (let index = open; index < text.length; index++) {
    if (text[index] === '{') depth++;
    if (text[index] === '}' && --depth === 0) return text.slice(open + 1, index);
  }
  return text.slice(open + 1);
}

function firstNumber(text: string): number | null {
  for (const match of text.matchAll(NUMBER)) {
    const value = parseNumberMatch(match);
    if (value !== null) return value;
  }
  return null;
}

function lastNumber(text: string): number | null {
  let last: number | null = null;
  for (const match of text.matchAll(NUMBER)) last = parseNumberMatch(match) ?? last;
  return last;
}

function parseNumberMatch(match: RegExpMatchArray): number | null {
  const groups = match.groups ?? {};
  const unsigned = Number(`${(groups.digits ?? '').replace(/,/g, '')}${groups.decimals ?? ''}`);
  if (!Number.isFinite(unsigned) || match[0].trim() === '') return null;
  const sign = groups.minus || groups.minus2 ? -1 : 1;
  const denominator = groups.denominator === undefined ? 1 : Number(groups.denominator);
  return denominator === 0 ? sign * unsigned : (sign * unsigned) / denominator;
}
