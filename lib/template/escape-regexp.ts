/**
 * `text` as a literal inside a RegExp source (`RegExp.escape` needs Node 24). Only syntax
 * characters are escaped, because `\-` and other identity escapes are errors under the `u` and
 * `v` flags. Shared by the regex scorer (field values in patterns) and the rephrasing perturbation.
 */
export function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}
