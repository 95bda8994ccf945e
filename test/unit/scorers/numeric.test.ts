import { describe, expect, it } from 'vitest';
import { extractFinalNumber } from '../../../lib/scorers/extract-number.ts';
import { numeric } from '../../../lib/scorers/numeric.ts';
import { createScorer, makeSample, scoreOne } from './helpers.ts';

describe('extractFinalNumber', () => {
  it.each([
    ['The answer is $1,234.50.', 1234.5],
    ['#### 72', 72],
    ['I think 3 apples... so 5', 5],
    ['-7', -7],
    ['50%', 50],
    ['\\boxed{42}', 42],
    ['12,000 people', 12000],
    ['Answer: 0.5', 0.5],
    ['1,000', 1000],
    ['1000', 1000],
    ['It costs €12.', 12],
    ['The loss was -$5, or £3', 3],
    ['x = −4', -4],
    ['Half is .5', 0.5],
    ['She has 3/4 of a pie', 0.75],
    ['\\boxed{\\frac{3}{4}}', 0.75],
    ['So the total is 1{,}000', 1000],
    ['答案是42', 42],
    ['Full-width ４２', 42],
    // A markdown bullet's dash is not a minus sign; a minus touching the number is.
    ['Answer:\n- 42 apples', 42],
    ['10 - 5', 5],
    ['$ 12.50', 12.5],
  ])('reads %j as %d', (text, value) => {
    expect(extractFinalNumber(text)).toBe(value);
  });

  it('returns null when there is no number', () => {
    expect(extractFinalNumber('no number here')).toBeNull();
    expect(extractFinalNumber('')).toBeNull();
  });

  it('takes the first number after the last ####, ignoring words and punctuation around it', () => {
    expect(extractFinalNumber('#### 3\nwait, recheck: 4 + 5 = 9\n#### $18 dollars. (2 eggs left)')).toBe(18);
    expect(extractFinalNumber('She makes 9 * 2 = $<<9*2=18>>18 every day.\n#### 18')).toBe(18);
  });

  it('prefers #### over an earlier "answer is"', () => {
    expect(extractFinalNumber('The answer is 7?\n#### 8')).toBe(8);
  });

  it('returns null when the last #### is followed by no number', () => {
    expect(extractFinalNumber('3 + 4 = 7\n#### seven')).toBeNull();
  });

  it('reads the last \\boxed{} before "answer is" and before the last number', () => {
    expect(extractFinalNumber('First \\boxed{1}, then \\boxed{2}. Check: 3')).toBe(2);
  });

  it('takes the first number after the last "answer is" or "answer:"', () => {
    expect(extractFinalNumber('The answer is 7 because 3 + 4 = 7.')).toBe(7);
    expect(extractFinalNumber('Answer: 5 apples at $2 each')).toBe(5);
  });

  it('reads subtraction without spaces as two numbers, not a negative one', () => {
    expect(extractFinalNumber('16-3')).toBe(3);
    expect(extractFinalNumber('<<16-3-4=9>>9')).toBe(9);
  });

  it('ignores digits glued to a letter and dates with two slashes', () => {
    expect(extractFinalNumber('Play the mp3')).toBeNull();
    expect(extractFinalNumber('on 1/2/2020')).toBe(1);
  });
});

describe('numeric scorer', () => {
  const scorer = createScorer(numeric, { reference: '{{answer}}' });

  it('passes when the final numbers agree and records both', () => {
    expect(scoreOne(scorer, { answer: '1,000' }, 'So the total is 1000.')).toEqual({
      value: 1,
      pass: true,
      detail: { extracted: 1000, expected: 1000 },
    });
  });

  it('extracts the reference the same way, so a GSM8K solution works as the reference', () => {
    const answer = 'She makes 9 * 2 = $<<9*2=18>>18 every day at the market.\n#### 18';
    expect(scoreOne(scorer, { answer }, 'She sells 9 eggs for $2 each.\nA: 18').pass).toBe(true);
    expect(scoreOne(scorer, { answer }, 'She sells 13 eggs for $2 each.\nA: 26').pass).toBe(false);
  });

  it('fails with extracted null when the output holds no number', () => {
    expect(scoreOne(scorer, { answer: '18' }, 'no number here')).toEqual({
      value: 0,
      pass: false,
      detail: { extracted: null, expected: 18 },
    });
  });

  it('fails when the reference holds no number', () => {
    expect(scoreOne(scorer, { answer: 'unknown' }, '5').detail).toEqual({ extracted: 5, expected: null });
  });

  it('uses an absolute tolerance of 1e-6 by default', () => {
    expect(scoreOne(scorer, { answer: '0.3' }, '0.30000000000000004').pass).toBe(true);
    expect(scoreOne(scorer, { answer: '0.3' }, '0.3001').pass).toBe(false);
  });

  it('also passes within relativeTolerance of the expected value', () => {
    const relative = createScorer(numeric, { reference: '{{answer}}', relativeTolerance: 0.01 });
    expect(scoreOne(relative, { answer: '1000' }, '1009').pass).toBe(true);
    expect(scoreOne(relative, { answer: '1000' }, '1011').pass).toBe(false);
  });

  it('accepts an alias value', () => {
    const withAliases = createScorer(numeric, { reference: '{{answer}}', aliases: 'aliases' });
    expect(scoreOne(withAliases, { answer: '0.5', aliases: ['50%'] }, 'about 50%').pass).toBe(true);
  });

  it('returns the rendered reference as expected, which scores 1 (the oracle)', () => {
    const row = { answer: 'Total: 3 + 4 = 7\n#### 7' };
    const expected = scorer.expected(makeSample(row))!;
    expect(expected).toBe(row.answer);
    expect(scoreOne(scorer, row, expected).pass).toBe(true);
  });
});
