import { describe, expect, it } from 'vitest';
import { isVerdictError } from '../../../lib/errors/index.ts';
import { regex } from '../../../lib/scorers/regex.ts';
import { createScorer, makeSample, scoreOne } from './helpers.ts';

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('regex scorer', () => {
  it('passes when the pattern matches anywhere in the output', () => {
    const scorer = createScorer(regex, { pattern: '\\b\\d{3}-\\d{4}\\b' });
    expect(scoreOne(scorer, {}, 'Call 555-1234 now')).toEqual({ value: 1, pass: true });
    expect(scoreOne(scorer, {}, 'Call 5551234 now')).toEqual({ value: 0, pass: false });
  });

  it('is case-sensitive unless flags has i', () => {
    expect(scoreOne(createScorer(regex, { pattern: 'paris' }), {}, 'Paris').pass).toBe(false);
    expect(scoreOne(createScorer(regex, { pattern: 'paris', flags: 'i' }), {}, 'Paris').pass).toBe(true);
  });

  it('fills a {{field}} placeholder with the regex-escaped value', () => {
    const scorer = createScorer(regex, { pattern: '^\\s*{{answer}}\\s*$' });
    expect(scoreOne(scorer, { answer: '3.5 (approx.)' }, ' 3.5 (approx.) ').pass).toBe(true);
    // unescaped, "." would match any character and "(approx.)" would be a group
    expect(scoreOne(scorer, { answer: '3.5 (approx.)' }, '345 approx!').pass).toBe(false);
  });

  it('fills dotted placeholders and works with the u flag', () => {
    const scorer = createScorer(regex, { pattern: '\\b{{meta.city}}\\b', flags: 'iu' });
    expect(scoreOne(scorer, { meta: { city: 'St. Louis-Park' } }, 'in st. louis-park today').pass).toBe(true);
  });

  it('throws SPEC_INVALID naming an invalid pattern when created', () => {
    const error = thrown(() => createScorer(regex, { pattern: 'answer: (\\d+' }, 'num-re'));
    expect(isVerdictError(error, 'SPEC_INVALID')).toBe(true);
    expect((error as Error).message).toMatch(/^scorer "num-re": pattern "answer: \(\\d\+" with flags "" is not a valid regular expression/);
  });

  it('throws SPEC_INVALID for invalid or stateful flags', () => {
    expect(isVerdictError(thrown(() => createScorer(regex, { pattern: 'a', flags: 'q' })), 'SPEC_INVALID')).toBe(true);
    const error = thrown(() => createScorer(regex, { pattern: 'a', flags: 'gi' }));
    expect((error as Error).message).toBe('scorer "regex": flags "gi": g and y make matching depend on the previous output; drop them');
  });

  it('throws SPEC_INVALID when a pattern uses both a field and a field inside it', () => {
    const error = thrown(() => createScorer(regex, { pattern: '{{a}}|{{a.b}}' }));
    expect(isVerdictError(error, 'SPEC_INVALID')).toBe(true);
  });

  it('returns the rendered reference as the expected answer, or undefined without one', () => {
    const sample = makeSample({ answer: 'Paris' });
    expect(createScorer(regex, { pattern: '{{answer}}', reference: '{{answer}}' }).expected(sample)).toBe('Paris');
    expect(createScorer(regex, { pattern: '{{answer}}' }).expected(sample)).toBeUndefined();
  });
});

describe('regex patterns run on RE2', () => {
  it('matches a catastrophic-backtracking pattern in linear time (RE2), on a short and a long output', () => {
    const scorer = createScorer(regex, { pattern: '(a+)+$' });
    // JavaScript's backtracking engine takes ~2^41 steps on this 42-character output.
    const started = performance.now();
    expect(scoreOne(scorer, {}, `${'a'.repeat(41)}!`).pass).toBe(false);
    expect(scoreOne(scorer, {}, `${'a'.repeat(200_000)}!`).pass).toBe(false);
    expect(scoreOne(scorer, {}, 'aaa').pass).toBe(true);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('refuses backreferences and lookaround (they need backtracking) when created, saying why', () => {
    for (const pattern of ['(a)\\1', 'x(?=y)', '(?<!n)ever']) {
      const error = thrown(() => createScorer(regex, { pattern }));
      expect(isVerdictError(error, 'SPEC_INVALID'), pattern).toBe(true);
      expect((error as Error).message).toContain('RE2 syntax');
    }
  });
});
