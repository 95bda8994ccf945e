import { RE2JS } from 're2js';

/**
 * A spec author's pattern compiled for RE2 (re2js, pure JavaScript): it matches in time linear
 * in the text whatever the pattern, so a pattern like `(a+)+$` run on untrusted model or judge
 * output cannot hang a run (see docs/decisions/0007). Every pattern from a spec that runs on
 * output goes through here.
 */
export type LinearPattern = RE2JS;

/** One match: where it starts and ends (UTF-16 offsets, as `String#slice`) and its groups. */
export interface LinearMatch {
  readonly index: number;
  readonly end: number;
  /** Group 0 is the whole match; a group that took no part is `undefined`. */
  readonly groups: readonly (string | undefined)[];
}

/**
 * Compiles `source` with JavaScript-style `flags` (i, m, s; d, u, v change nothing RE2 depends
 * on, since RE2 is always Unicode-aware). Throws an `Error` saying what RE2 refused; callers wrap it
 * in a `SPEC_INVALID` naming their spec key.
 */
export function compileLinearPattern(source: string, flags = ''): LinearPattern {
  try {
    return RE2JS.compile(source, re2Flags(flags));
  } catch (error) {
    throw new Error(`${(error as Error).message} (patterns use RE2 syntax, which matches in linear time: no backreferences or lookaround)`, { cause: error });
  }
}

/**
 * JavaScript's `\s` for RE2, whose own `\s` is ASCII only: `LINEAR_SPACE` matches one space as
 * `\s` does (the Unicode spaces too, U+3000 in zh text), `LINEAR_SPACE_CHARS` goes inside a class.
 */
export const LINEAR_SPACE_CHARS = String.raw`\s\x0B\p{Z}\x{FEFF}`;
export const LINEAR_SPACE = `[${LINEAR_SPACE_CHARS}]`;

/** Every match of `pattern` in `text`, left to right, each search starting where the last match ended. */
export function* linearMatches(pattern: LinearPattern, text: string): Generator<LinearMatch> {
  const matcher = pattern.matcher(text);
  while (matcher.find()) {
    const groups = Array.from({ length: pattern.groupCount() + 1 }, (_, group) => matcher.group(group) ?? undefined);
    yield { index: matcher.start(), end: matcher.end(), groups };
  }
}

/** The last match of `pattern` in `text`; `nonEmpty` skips matches of no characters. */
export function lastLinearMatch(pattern: LinearPattern, text: string, options: { nonEmpty?: boolean } = {}): LinearMatch | undefined {
  let last: LinearMatch | undefined;
  for (const match of linearMatches(pattern, text)) {
    if (!options.nonEmpty || match.end > match.index) last = match;
  }
  return last;
}

function re2Flags(flags: string): number {
  let bits = 0;
  if (flags.includes('i')) bits |= RE2JS.CASE_INSENSITIVE;
  if (flags.includes('m')) bits |= RE2JS.MULTILINE;
  if (flags.includes('s')) bits |= RE2JS.DOTALL;
  return bits;
}
