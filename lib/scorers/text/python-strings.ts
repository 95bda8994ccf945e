/**
 * Python `str` semantics that the reference metrics (sacreBLEU, rouge-score) rely on and that
 * JavaScript does not share: `str.split()` / `strip()` whitespace is Python's set (it includes
 * U+001C–U+001F and U+0085 and excludes U+FEFF, unlike JS `\s`), and `len` / indexing count code
 * points, not UTF-16 units.
 */

/** Characters Python's `str.isspace()` accepts (CPython `_PyUnicode_IsWhitespace`). */
const PY_WHITESPACE = '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const WHITESPACE_RUN = new RegExp(`[${PY_WHITESPACE}]+`, 'u');
const LEADING = new RegExp(`^[${PY_WHITESPACE}]+`, 'u');
const TRAILING = new RegExp(`[${PY_WHITESPACE}]+$`, 'u');

/** Python `s.split()`: split on runs of whitespace, no empty strings. */
export function pySplit(text: string): string[] {
  const parts = text.split(WHITESPACE_RUN);
  if (parts.length > 0 && parts[0] === '') parts.shift();
  if (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** Python `' '.join(s.split())`: whitespace runs collapsed to one space, ends trimmed. */
export function pyCollapseSpaces(text: string): string {
  return pySplit(text).join(' ');
}

/** Python `s.rstrip()`. */
export function pyRstrip(text: string): string {
  return text.replace(TRAILING, '');
}

/** Python `s.strip()`. */
export function pyStrip(text: string): string {
  return text.replace(LEADING, '').replace(TRAILING, '');
}

/** The string's code points (Python's characters); surrogate pairs stay whole. */
export function codePoints(text: string): string[] {
  return Array.from(text);
}

/** True when the string has no surrogate pair, so UTF-16 indexing equals code-point indexing. */
export function isBmpOnly(text: string): boolean {
  return !/[\ud800-\udfff]/.test(text);
}
