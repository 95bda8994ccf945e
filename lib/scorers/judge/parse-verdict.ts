import { compileLinearPattern, LINEAR_SPACE, LINEAR_SPACE_CHARS, lastLinearMatch, type LinearPattern } from '../linear-pattern.ts';
import type { JudgeScale } from './judge-prompts.ts';
import { stripFencedBlocks } from './judge-prompts.ts';

/** A grade read from a judge's reply, or why none could be read. */
export type ParsedGrade =
  | { readonly ok: true; readonly grade: number; readonly verdictText: string; readonly rationale: string }
  | { readonly ok: false; readonly problem: string; readonly rationale: string };

/** A pairwise verdict by position: the first answer shown, the second, or a tie. */
export type Position = 'A' | 'B' | 'tie';

/** A pairwise verdict read from a judge's reply, or why none could be read. */
export type ParsedVerdict =
  | { readonly ok: true; readonly position: Position; readonly verdictText: string; readonly rationale: string }
  | { readonly ok: false; readonly problem: string; readonly rationale: string };

// The built-in lines run on judge replies, which can quote the answer, so they are RE2 too.
// WS and NOT_WS: JavaScript's `\s` (RE2's is ASCII), so U+3000 in zh replies counts as a space.
const WS = LINEAR_SPACE;
const NOT_WS = LINEAR_SPACE_CHARS;
// `GRADE: 4`, `Grade - PASS`, `评分：4`, `**GRADE:** 3/5`; the full-width colon is common in zh replies.
const GRADE_LINE = compileLinearPattern(String.raw`(?:grade|score|rating|评分|分数|得分|结论)${WS}*\**${WS}*[:：=\-]${WS}*\**${WS}*([^${NOT_WS}*\n/]+)`, 'i');
// `VERDICT: A`, `Verdict: [[B]]`, `裁决：平局`.
const VERDICT_LINE = compileLinearPattern(String.raw`(?:verdict|winner|裁决|结论|胜者)${WS}*\**${WS}*[:：=\-]${WS}*\**${WS}*\[*${WS}*([^${NOT_WS}*\]\n。.]+)`, 'i');

const PASS_WORDS = new Set(['pass', 'passed', 'yes', 'true', 'correct', '通过', '合格', '是', '正确']);
const FAIL_WORDS = new Set(['fail', 'failed', 'no', 'false', 'incorrect', '不通过', '不合格', '否', '错误']);
const FIRST_WORDS = new Set(['a', '1', 'first', 'output (a)', '(a)', '甲', '第一个', '回答a']);
const SECOND_WORDS = new Set(['b', '2', 'second', 'output (b)', '(b)', '乙', '第二个', '回答b']);
const TIE_WORDS = new Set(['tie', 'draw', 'equal', 'c', 'same', 'both', '平局', '相同', '持平', '一样']);

/**
 * Compiles a spec's verdict pattern: a regular expression (RE2 syntax, case-insensitive) whose
 * first capture group holds the grade or the verdict word (e.g. LLMBar's
 * `(?:^|\n) ?Output \((a|b)\)`). The last match wins.
 */
export function compileVerdictPattern(source: string, flags = 'i'): LinearPattern {
  const pattern = compileLinearPattern(source, flags);
  if (pattern.groupCount() < 1) {
    throw new Error(`verdict pattern ${JSON.stringify(source)} has no capture group; wrap the grade in ( )`);
  }
  return pattern;
}

/**
 * The last match of `pattern` in the judge's reply, ignoring any fenced block the judge quoted
 * back (an answer that contains "GRADE: 5" cannot grade itself), and the reply without it.
 */
function lastVerdict(reply: string, pattern: LinearPattern): { captured: string; matched: string; rationale: string } | undefined {
  const text = stripFencedBlocks(reply);
  const last = lastLinearMatch(pattern, text);
  const captured = last?.groups[1];
  if (!last || captured === undefined) return undefined;
  const rationale = (text.slice(0, last.index) + text.slice(last.end)).trim();
  return { captured, matched: text.slice(last.index, last.end).trim(), rationale };
}

/**
 * Reads the grade from the judge's LAST verdict line. A numeric scale needs a number inside
 * `[lo, hi]` (`4`, `4/5`, `4.5`); pass/fail maps PASS/FAIL (and 通过/不通过, yes/no) to 1/0.
 * A reply with no readable grade is `ok: false`: the item is unscored, never a silent fail.
 *
 * @example
 * parseGrade('Clear and correct.\nGRADE: 4', { kind: 'range', lo: 1, hi: 5 }) // { ok: true, grade: 4, ... }
 */
export function parseGrade(reply: string, scale: JudgeScale, pattern: LinearPattern = GRADE_LINE): ParsedGrade {
  const found = lastVerdict(reply, pattern);
  if (!found) return { ok: false, problem: 'no verdict line (e.g. "GRADE: 4") in the judge reply', rationale: reply.trim() };
  const word = found.captured.trim().toLowerCase().replace(/[.,;!。，；！]+$/u, '');
  if (scale.kind === 'pass-fail') {
    if (PASS_WORDS.has(word)) return { ok: true, grade: 1, verdictText: found.matched, rationale: found.rationale };
    if (FAIL_WORDS.has(word)) return { ok: true, grade: 0, verdictText: found.matched, rationale: found.rationale };
    return { ok: false, problem: `verdict "${found.captured}" is neither PASS nor FAIL`, rationale: found.rationale };
  }
  const grade = Number(word);
  if (!Number.isFinite(grade)) return { ok: false, problem: `verdict "${found.captured}" is not a number`, rationale: found.rationale };
  if (grade < scale.lo || grade > scale.hi) {
    return { ok: false, problem: `grade ${grade} is outside the scale ${scale.lo}..${scale.hi}`, rationale: found.rationale };
  }
  return { ok: true, grade, verdictText: found.matched, rationale: found.rationale };
}

/**
 * Reads a pairwise verdict (first answer, second answer or tie) from the judge's LAST verdict
 * line; `A`/`1`/`first`, `B`/`2`/`second`, `TIE`/`平局` are understood in either language.
 */
export function parseVerdict(reply: string, pattern: LinearPattern = VERDICT_LINE): ParsedVerdict {
  const found = lastVerdict(reply, pattern);
  if (!found) return { ok: false, problem: 'no verdict line (e.g. "VERDICT: A") in the judge reply', rationale: reply.trim() };
  const word = found.captured.trim().toLowerCase().replace(/^[[(]+|[\])]+$/g, '').replace(/[.,;!。，；！]+$/u, '');
  const position: Position | undefined = FIRST_WORDS.has(word) ? 'A' : SECOND_WORDS.has(word) ? 'B' : TIE_WORDS.has(word) ? 'tie' : undefined;
  if (!position) return { ok: false, problem: `verdict "${found.captured}" names neither answer nor a tie`, rationale: found.rationale };
  return { ok: true, position, verdictText: found.matched, rationale: found.rationale };
}

/** A grade on `scale` mapped to [0, 1]: (g − lo) / (hi − lo); pass/fail grades are already 0 or 1. */
export function normaliseGrade(grade: number, scale: JudgeScale): number {
  if (scale.kind === 'pass-fail') return grade;
  return scale.hi === scale.lo ? 1 : (grade - scale.lo) / (scale.hi - scale.lo);
}
