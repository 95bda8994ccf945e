/**
 * Every spec pattern that runs on model or judge output goes through RE2 (#11): a pattern that
 * backtracks exponentially in native RegExp (`(a+)+$` on 50 `a`s and a `!` needs ~2^50 steps)
 * finishes at once. Bounds are generous for a loaded machine; a native engine would not finish.
 */
import { describe, expect, it } from 'vitest';
import { createAnswerReader, type ReadAnswer } from '../../../lib/engine/answer-reader.ts';
import type { Completion } from '../../../lib/ports/index.ts';
import { compileVerdictPattern, parseGrade } from '../../../lib/scorers/judge/parse-verdict.ts';
import { compileLinearPattern, lastLinearMatch } from '../../../lib/scorers/linear-pattern.ts';
import { regex } from '../../../lib/scorers/regex.ts';
import { ReasoningSpecSchema } from '../../../lib/spec/answer-spec.ts';
import { createScorer, scoreOne } from './helpers.ts';

const EVIL = '(a+)+$';
const ATTACK = `${'a'.repeat(50)}!`;

function elapsedMs(run: () => unknown): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

describe('spec patterns on untrusted output run in linear time', () => {
  it('the regex scorer', () => {
    const scorer = createScorer(regex, { pattern: EVIL });
    let value: unknown;
    expect(elapsedMs(() => (value = scoreOne(scorer, {}, ATTACK)))).toBeLessThan(2000);
    expect(value).toMatchObject({ pass: false });
  });

  it("a judge's verdictPattern", () => {
    const pattern = compileVerdictPattern(EVIL);
    let parsed: unknown;
    expect(elapsedMs(() => (parsed = parseGrade(ATTACK, { kind: 'range', lo: 1, hi: 5 }, pattern)))).toBeLessThan(2000);
    expect(parsed).toMatchObject({ ok: false });
    // The same engine still finds the grade when it is there.
    expect(parseGrade('a\nGRADE 4', { kind: 'range', lo: 1, hi: 5 }, compileVerdictPattern('grade (\\d)'))).toMatchObject({ ok: true, grade: 4 });
  });

  it("the built-in grade line, on a reply with a long run of spaces after 'grade' (quadratic when backtracking)", () => {
    const reply = `grade${' '.repeat(100_000)}x`;
    let parsed: unknown;
    expect(elapsedMs(() => (parsed = parseGrade(reply, { kind: 'range', lo: 1, hi: 5 })))).toBeLessThan(2000);
    expect(parsed).toMatchObject({ ok: false });
    // Unicode spaces (U+3000 in zh replies) still count as spaces, as with JavaScript's \s.
    expect(parseGrade('评分：\u30004', { kind: 'range', lo: 1, hi: 5 })).toMatchObject({ ok: true, grade: 4 });
  });

  it('the reasoning strip pattern', () => {
    const reader = createAnswerReader({ reasoning: ReasoningSpecSchema.parse({ strip: `${EVIL}|final answer:` }) });
    const completion = { text: ATTACK, latencyMs: 1, ttftMs: null, usage: null, attempts: 1 } as Completion;
    let answer: unknown;
    // Without a tokenizer to count reasoning with, reading is synchronous.
    expect(elapsedMs(() => (answer = (reader.read(completion) as ReadAnswer).answer))).toBeLessThan(2000);
    expect(answer).toBe(ATTACK);
    expect(reader.read({ ...completion, text: 'hmm. FINAL ANSWER: Paris' })).toMatchObject({ answer: 'Paris', reasoning: { text: 'hmm. FINAL ANSWER:' } });
  });

  it('refuses what needs backtracking, naming the key', () => {
    expect(ReasoningSpecSchema.safeParse({ strip: 'answer(?=:)' }).error?.issues[0]).toMatchObject({ path: ['strip'], message: expect.stringMatching(/^not a valid regular expression: .*lookaround/) });
    expect(() => compileVerdictPattern('(a)\\1')).toThrow(/invalid escape sequence.*no backreferences or lookaround/);
    expect(() => compileVerdictPattern('GRADE: \\d')).toThrow(/has no capture group/);
  });

  it('reports offsets in UTF-16 code units, as String#slice, and skips empty matches on request', () => {
    const text = '😀 x😀x';
    expect(lastLinearMatch(compileLinearPattern('x'), text)).toEqual({ index: 6, end: 7, groups: ['x'] });
    expect(lastLinearMatch(compileLinearPattern('(y)?x'), text)?.groups).toEqual(['x', undefined]);
    expect(lastLinearMatch(compileLinearPattern('x*'), 'xx ab', { nonEmpty: true })).toMatchObject({ index: 0, end: 2 });
    expect(lastLinearMatch(compileLinearPattern('x*'), 'xx ab')).toMatchObject({ index: 5, end: 5 });
  });
});
