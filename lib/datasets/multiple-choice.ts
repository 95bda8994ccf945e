import { basename, dirname, extname } from 'node:path/posix';
import { createRng, fnv1aUtf8Bytes } from '../stats/index.ts';

/** The letters of options 0, 1, 2, … */
export const OPTION_LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * The fields every multiple-choice adapter adds to a row, so one prompt and one `choice` scorer
 * fit them all: `options` (the option texts in order), `options_text` ("A. …\nB. …"), and
 * `correct` (the correct option's letter).
 */
export interface ChoiceFields {
  readonly options: string[];
  readonly options_text: string;
  readonly correct: string;
}

/** Builds the {@link ChoiceFields} from option texts and the 0-based correct index. */
export function choiceFields(options: readonly string[], correctIndex: number): ChoiceFields {
  if (options.length < 2 || options.length > OPTION_LETTERS.length) throw new Error(`expected 2 to 26 options, got ${options.length}`);
  if (!Number.isInteger(correctIndex) || correctIndex < 0 || correctIndex >= options.length) {
    throw new Error(`the answer points at option ${correctIndex}, but there are ${options.length} options`);
  }
  return {
    options: [...options],
    options_text: options.map((option, index) => `${OPTION_LETTERS[index]}. ${option}`).join('\n'),
    correct: OPTION_LETTERS[correctIndex]!,
  };
}

/**
 * Reads an answer given as a letter ("B"), a 0-based index (1, "1", or a bigint from Parquet)
 * into a 0-based index.
 */
export function answerIndex(answer: unknown, optionCount: number): number {
  if (typeof answer === 'number' && Number.isInteger(answer)) return answer;
  if (typeof answer === 'bigint') return Number(answer);
  if (typeof answer === 'string') {
    const text = answer.trim();
    if (/^\d+$/.test(text)) return Number(text);
    const letter = OPTION_LETTERS.indexOf(text.toUpperCase());
    if (text.length === 1 && letter !== -1 && letter < optionCount) return letter;
  }
  throw new Error(`the answer should be a letter (A-${OPTION_LETTERS[optionCount - 1]}) or a 0-based index, got ${JSON.stringify(answer) ?? String(answer)}`);
}

/** A field's text; numbers become strings; anything else is an error naming the field. */
export function textField(row: Record<string, unknown>, ...names: string[]): string {
  for (const name of names) {
    const value = row[name];
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  }
  throw new Error(`row has no "${names[0]}" text`);
}

/** An array of texts; anything else is an error naming the field. */
export function textList(value: unknown, field: string): string[] {
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' && typeof item !== 'number')) {
    throw new Error(`"${field}" should be a list of texts`);
  }
  return value.map(String);
}

/**
 * The subject a per-subject file stands for, for benchmarks that keep it in the file name:
 * `computer_network_val.csv` → `computer_network` (C-Eval), `agronomy.csv` → `agronomy` (CMMLU),
 * and `computer_network/val-00000-of-00001.parquet` → `computer_network` (hub exports, one folder per subject).
 */
export function subjectFromPath(file: string): string {
  const path = file.replaceAll('\\', '/');
  const stem = basename(path, extname(path));
  if (/^(train|val|validation|dev|test)(-\d+-of-\d+)?$/.test(stem)) return basename(dirname(path));
  return stem.replace(/_(val|dev|test)$/, '');
}

/**
 * A seeded permutation of 0..n-1 (Fisher–Yates), from a string key. Datasets that always list
 * the true answer first (TruthfulQA's mc1_targets) would otherwise reward "A" every time.
 */
export function seededPermutation(n: number, key: string): number[] {
  const rng = createRng(fnv1aUtf8Bytes(key));
  const order = Array.from({ length: n }, (_, index) => index);
  for (let index = n - 1; index > 0; index--) {
    const other = rng.nextInt(index + 1);
    [order[index], order[other]] = [order[other]!, order[index]!];
  }
  return order;
}
