import { squadNormalize } from './squad.ts';

/**
 * How text is normalised before comparison.
 * - `none`: compared as written (only `caseSensitive: false` folds case).
 * - `basic`: Unicode NFC, trimmed, runs of whitespace collapsed to one space, case folded
 *   unless `caseSensitive`.
 * - `squad`: the official SQuAD normalisation ({@link squadNormalize}); always lower-cases.
 */
export type NormalizeMode = 'none' | 'basic' | 'squad';

/** Options of {@link normalizeText}. */
export interface NormalizeOptions {
  /** @default 'basic' */
  readonly mode?: NormalizeMode;
  /** Keep case. Ignored by `squad`, which lower-cases by definition. @default false */
  readonly caseSensitive?: boolean;
}

/**
 * Normalises text for equality and containment checks.
 *
 * @example
 * normalizeText('  New   York ') // 'new york'
 */
export function normalizeText(text: string, options: NormalizeOptions = {}): string {
  const mode = options.mode ?? 'basic';
  if (mode === 'squad') return squadNormalize(text);
  const folded = options.caseSensitive ? text : text.toLowerCase();
  if (mode === 'none') return folded;
  return folded.normalize('NFC').trim().replace(/\s+/g, ' ');
}
