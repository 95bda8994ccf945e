import { describe, expect, it } from 'vitest';
import { f1 } from '../../../lib/scorers/f1.ts';
import { createScorer, makeSample, scoreOne } from './helpers.ts';

describe('f1 scorer', () => {
  it('scores the SQuAD F1 of the output and passes at the default threshold of 0.5', () => {
    const scorer = createScorer(f1, { reference: '{{answer}}' });
    const score = scoreOne(scorer, { answer: 'the Eiffel Tower in Paris' }, 'Eiffel Tower');
    expect(score.value).toBeCloseTo(0.666667, 6);
    expect(score.pass).toBe(true);
    expect(score.detail).toEqual({ exactMatch: 0 });
  });

  it('fails below the threshold', () => {
    const scorer = createScorer(f1, { reference: '{{answer}}', threshold: 0.7 });
    expect(scoreOne(scorer, { answer: 'rock n roll' }, 'rock').pass).toBe(false);
  });

  it('takes the maximum over the reference and its aliases', () => {
    const scorer = createScorer(f1, { reference: '{{answer}}', aliases: 'aliases' });
    const score = scoreOne(scorer, { answer: '1976', aliases: ['in the year 1976'] }, 'in 1976');
    expect(score.value).toBeCloseTo(0.8, 10);
    expect(score.detail).toEqual({ exactMatch: 0 });
  });

  it('reports exact match when the normalised output equals a gold', () => {
    const scorer = createScorer(f1, { reference: '{{answer}}' });
    expect(scoreOne(scorer, { answer: 'Denver Broncos' }, 'The Denver Broncos!')).toEqual({
      value: 1,
      pass: true,
      detail: { exactMatch: 1 },
    });
  });

  it('returns the rendered reference as the expected answer', () => {
    const scorer = createScorer(f1, { reference: '{{answer}}' });
    expect(scorer.expected(makeSample({ answer: 'Paris' }))).toBe('Paris');
  });

  it('rejects a threshold outside [0, 1]', () => {
    expect(() => f1.params.parse({ reference: '{{a}}', threshold: 2 })).toThrow();
  });
});
