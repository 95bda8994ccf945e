/**
 * Maps free-form answers to multiple-choice options. Letters are A, B, C, … for options 0, 1, 2, …
 * Pure functions; `choice.ts` wraps them into a scorer.
 */

/** How a `choice` reference names the correct option. */
export type ChoiceReferenceKind = 'auto' | 'letter' | 'index' | 'text';

/** The letter of a 0-based option index: 0 → "A". */
export function optionLetter(index: number): string {
  return String.fromCharCode(65 + index);
}

/**
 * The comparable form of an answer or option: NFC, lower-case, whitespace collapsed, trimmed,
 * wrapping markdown (`**`, backticks, quotes) and trailing periods dropped.
 */
export function normalizeChoiceText(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/^[\s*`"]+|[\s*`".]+$/g, '');
}

/** A letter alone: `B`, `(B)`, `B.`, `B)`, `b`. */
const LONE_LETTER = /^\(?([a-z])\)?[.):]?$/i;
/**
 * "Answer: B", "The answer is (B).", "answer is option B"; lower-case only in parentheses or at the
 * end; "Answer: I think..." is the pronoun, not option I.
 */
const ANSWER_LETTER =
  /\b(?:[Aa]nswer|ANSWER)\s*(?:(?:is|IS)\s*:?|:|=)\s*(?:(?:[Oo]ption|[Cc]hoice|[Ll]etter)\s+)?(?:\(([A-Za-z])\)|(?!I\s+\p{L})([A-Z])(?![\p{L}\p{N}'])|([a-z])(?=[.):]?\s*$))/gu;
/** A leading label: `(B) Paris`, `B) Paris`, `B. Paris`, `B: Paris` (the last two upper-case only). */
const LEADING_LETTER = /^(?:\(([A-Za-z])\)|([A-Za-z])\)|([A-Z])[.:](?:\s|$))/;

/**
 * The option an output chose, or null when it cannot be told. Tried in order:
 * 1. the whole output equals an option text (after {@link normalizeChoiceText});
 * 2. a letter within range: alone, after "answer is" / "answer:" (the last one), or as a leading label;
 * 3. exactly one option text occurs in the output as whole words (an option found only inside a
 *    longer option that was also found does not count; "no" is not found in "know").
 *
 * @example
 * mapOutputToOption('The answer is (B).', ['cat', 'dog']) // 1
 * mapOutputToOption('It is a dog.', ['cat', 'dog']) // 1
 * mapOutputToOption('cat or dog', ['cat', 'dog']) // null
 */
export function mapOutputToOption(output: string, options: readonly string[]): number | null {
  const normalizedOutput = normalizeChoiceText(output);
  const normalizedOptions = options.map(normalizeChoiceText);
  const exactIndex = normalizedOptions.findIndex((option) => option !== '' && option === normalizedOutput);
  if (exactIndex >= 0) return exactIndex;
  const letterIndex = findLetterAnswer(output.trim().replace(/^[*`"]+|[*`"]+$/g, ''), options.length);
  if (letterIndex !== null) return letterIndex;
  return findContainedOption(normalizedOutput, normalizedOptions);
}

function findLetterAnswer(output: string, optionCount: number): number | null {
  const inRange = (letter: string | undefined): number | null => {
    if (letter === undefined) return null;
    const index = letter.toUpperCase().charCodeAt(0) - 65;
    return index < optionCount ? index : null;
  };
  const lone = LONE_LETTER.exec(output);
  if (lone) return inRange(lone[1]);
  const answers = [...output.matchAll(ANSWER_LETTER)];
  const lastAnswer = answers[answers.length - 1];
  if (lastAnswer) return inRange(lastAnswer[1] ?? lastAnswer[2] ?? lastAnswer[3]);
  const leading = LEADING_LETTER.exec(output);
  return leading ? inRange(leading[1] ?? leading[2] ?? leading[3]) : null;
}

function findContainedOption(output: string, options: readonly string[]): number | null {
  const found = options.flatMap((option, index) => (option !== '' && containsWords(output, option) ? [index] : []));
  const kept = found.filter(
    (index) => !found.some((other) => other !== index && options[other] !== options[index] && options[other]!.includes(options[index]!)),
  );
  const distinct = new Set(kept.map((index) => options[index]));
  return distinct.size === 1 ? kept[0]! : null;
}

/** Scripts written without spaces: a match there needs no word boundary. */
const SPACELESS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}]/u;
const WORD = /[\p{L}\p{N}_]/u;

/** True when `needle` occurs in `text` with no letter or digit glued to either end. */
function containsWords(text: string, needle: string): boolean {
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
    const before = text[at - 1];
    const after = text[at + needle.length];
    if (isBoundary(before, needle[0]!) && isBoundary(after, needle[needle.length - 1]!)) return true;
  }
  return false;
}

function isBoundary(neighbour: string | undefined, edge: string): boolean {
  if (neighbour === undefined || !WORD.test(neighbour) || !WORD.test(edge)) return true;
  return SPACELESS.test(neighbour) || SPACELESS.test(edge);
}

/** The correct option named by a reference, or why it names none. */
export type ResolvedReference = { readonly index: number } | { readonly problem: string };

/**
 * Finds the option a `choice` reference names. `auto` tries a letter ("B", "(b)"), then a 0-based
 * index ("1"), then an option text; when a letter or index would point at one option while the
 * text equals another (options "1", "2", "3" and reference "2"), it reports the ambiguity
 * instead of guessing; set `referenceKind` then.
 */
export function resolveReferenceOption(
  reference: string,
  options: readonly string[],
  kind: ChoiceReferenceKind,
): ResolvedReference {
  const trimmed = reference.trim();
  const letter = /^\(?([a-z])\)?\.?$/i.exec(trimmed)?.[1];
  const byLetter = letter === undefined ? -1 : letter.toUpperCase().charCodeAt(0) - 65;
  const byIndex = /^\d+$/.test(trimmed) ? Number(trimmed) : -1;
  const byText = normalizedIndexOf(trimmed, options);
  const picks: Record<Exclude<ChoiceReferenceKind, 'auto'>, number> = { letter: byLetter, index: byIndex, text: byText };
  if (kind !== 'auto') return withinRange(picks[kind], options.length, `a ${kind}`);
  const positional = byLetter >= 0 && byLetter < options.length ? byLetter : byIndex < options.length ? byIndex : -1;
  if (positional >= 0 && byText >= 0 && byText !== positional) {
    return {
      problem:
        `is ambiguous: as a letter or index it names option ${optionLetter(positional)},` +
        ` as text option ${optionLetter(byText)}; set referenceKind to letter, index or text`,
    };
  }
  return withinRange(positional >= 0 ? positional : byText, options.length, 'a letter, 0-based index or option text');
}

function normalizedIndexOf(text: string, options: readonly string[]): number {
  const wanted = normalizeChoiceText(text);
  return wanted === '' ? -1 : options.findIndex((option) => normalizeChoiceText(option) === wanted);
}

function withinRange(index: number, optionCount: number, expected: string): ResolvedReference {
  if (index >= 0 && index < optionCount) return { index };
  return { problem: `names no option; expected ${expected} among ${optionCount} options` };
}
