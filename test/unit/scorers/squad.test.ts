import { describe, expect, it } from 'vitest';
import { squadExactMatch, squadF1, squadMaxScores, squadNormalize } from '../../../lib/scorers/squad.ts';

describe('SQuAD normalisation and scores (docs/metrics.md §5.4, official evaluate-v2.0.py)', () => {
  it.each([
    ['Denver Broncos', 'The Denver Broncos!', 'denver broncos', 'denver broncos', 1, 1],
    ['rock n roll', 'rock', 'rock n roll', 'rock', 0, 0.5],
    ['the Eiffel Tower in Paris', 'Eiffel Tower', 'eiffel tower in paris', 'eiffel tower', 0, 0.666667],
    ['1976', 'in 1976', '1976', 'in 1976', 0, 0.666667],
    ['', 'unanswerable guess', '', 'unanswerable guess', 0, 0],
    ['', '', '', '', 1, 1],
  ])('gold %j and prediction %j: normalised %j / %j, EM %d, F1 %d', (gold, prediction, normGold, normPrediction, em, f1) => {
    expect(squadNormalize(gold)).toBe(normGold);
    expect(squadNormalize(prediction)).toBe(normPrediction);
    expect(squadExactMatch(gold, prediction)).toBe(em);
    expect(squadF1(gold, prediction)).toBeCloseTo(f1, 6);
  });

  it('takes the maximum over gold answers: ["1976", "in the year 1976"] vs "in 1976" is EM 0, F1 0.8', () => {
    const scores = squadMaxScores(['1976', 'in the year 1976'], 'in 1976');
    expect(scores.exactMatch).toBe(0);
    expect(scores.f1).toBeCloseTo(0.8, 10);
  });

  it('deletes punctuation before removing articles, so "rock-n-roll" becomes one token', () => {
    expect(squadNormalize('Rock-n-Roll')).toBe('rocknroll');
    expect(squadNormalize('a-the')).toBe('athe');
  });

  it('removes only whole-word articles, with Unicode word boundaries like Python re', () => {
    expect(squadNormalize('An apple, the theory, a cat')).toBe('apple theory cat');
    expect(squadNormalize('théa éa')).toBe('théa éa');
  });

  it('keeps non-ASCII punctuation, as string.punctuation is ASCII only', () => {
    expect(squadNormalize('«Paris»。')).toBe('«paris»。');
  });

  it('counts repeated tokens as a multiset', () => {
    // gold "the cat" → ["cat"]; prediction ["cat", "cat"]: 1 shared, P = 1/2, R = 1 → F1 2/3
    expect(squadF1('the cat', 'cat cat')).toBeCloseTo(2 / 3, 10);
  });

  it('drops golds that normalise to "" when another gold remains, and falls back to no-answer otherwise', () => {
    expect(squadMaxScores(['', 'Paris'], '').f1).toBe(0);
    expect(squadMaxScores(['the', '!'], '').exactMatch).toBe(1);
  });

  it('treats text without spaces as one token (deliberate: SQuAD F1 is whitespace-token based)', () => {
    expect(squadF1('北京大学', '北京')).toBe(0);
    expect(squadF1('北京 大学', '北京')).toBeCloseTo(2 / 3, 10);
  });
});
