import { describe, expect, it } from 'vitest';
import { includes } from '../../../lib/scorers/includes.ts';
import { createScorer, scoreOne } from './helpers.ts';

describe('includes scorer', () => {
  it('passes when the output contains the reference, ignoring case by default', () => {
    const scorer = createScorer(includes, { reference: '{{answer}}' });
    expect(scoreOne(scorer, { answer: 'Paris' }, 'The capital is PARIS.')).toEqual({ value: 1, pass: true });
  });

  it('fails when the reference is absent', () => {
    const scorer = createScorer(includes, { reference: '{{answer}}' });
    expect(scoreOne(scorer, { answer: 'Paris' }, 'Lyon')).toEqual({ value: 0, pass: false });
  });

  it('respects caseSensitive', () => {
    const scorer = createScorer(includes, { reference: '{{answer}}', caseSensitive: true });
    expect(scoreOne(scorer, { answer: 'Paris' }, 'paris').pass).toBe(false);
  });

  it('matches across differences in whitespace', () => {
    const scorer = createScorer(includes, { reference: '{{answer}}' });
    expect(scoreOne(scorer, { answer: 'New York' }, 'It is New\n  York.').pass).toBe(true);
  });

  it('finds Chinese text as a plain substring', () => {
    const scorer = createScorer(includes, { reference: '{{answer}}' });
    expect(scoreOne(scorer, { answer: '北京' }, '中国的首都是北京。').pass).toBe(true);
    expect(scoreOne(scorer, { answer: '北京' }, '上海').pass).toBe(false);
  });

  it('accepts any alias', () => {
    const scorer = createScorer(includes, { reference: '{{answer}}', aliases: 'aliases' });
    expect(scoreOne(scorer, { answer: 'United States', aliases: ['USA'] }, 'The USA.').pass).toBe(true);
  });

  it('never passes on a reference that is empty after normalisation', () => {
    const scorer = createScorer(includes, { reference: '{{answer}}' });
    expect(scoreOne(scorer, { answer: '  ' }, 'anything').pass).toBe(false);
  });
});
