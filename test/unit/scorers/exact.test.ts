import { describe, expect, it } from 'vitest';
import { exact } from '../../../lib/scorers/exact.ts';
import { isVerdictError } from '../../../lib/errors/index.ts';
import { createScorer, makeSample, scoreOne } from './helpers.ts';

describe('exact scorer', () => {
  it('passes when the output equals the reference after trimming, collapsing whitespace and folding case', () => {
    const scorer = createScorer(exact, { reference: '{{answer}}' });
    expect(scoreOne(scorer, { answer: 'New York' }, '  new   YORK\n')).toEqual({ value: 1, pass: true });
  });

  it('fails when the output only contains the reference', () => {
    const scorer = createScorer(exact, { reference: '{{answer}}' });
    expect(scoreOne(scorer, { answer: 'Paris' }, 'It is Paris')).toEqual({ value: 0, pass: false });
  });

  it('keeps case when caseSensitive is true', () => {
    const scorer = createScorer(exact, { reference: '{{answer}}', caseSensitive: true });
    expect(scoreOne(scorer, { answer: 'Paris' }, 'paris').pass).toBe(false);
    expect(scoreOne(scorer, { answer: 'Paris' }, ' Paris ').pass).toBe(true);
  });

  it('compares as written with normalize none', () => {
    const scorer = createScorer(exact, { reference: '{{answer}}', normalize: 'none', caseSensitive: true });
    expect(scoreOne(scorer, { answer: 'Paris' }, 'Paris ').pass).toBe(false);
    expect(scoreOne(scorer, { answer: 'Paris' }, 'Paris').pass).toBe(true);
  });

  it('drops punctuation and articles with normalize squad', () => {
    const scorer = createScorer(exact, { reference: '{{answer}}', normalize: 'squad' });
    expect(scoreOne(scorer, { answer: 'Denver Broncos' }, 'The Denver Broncos!').pass).toBe(true);
  });

  it('accepts any alias from the dotted aliases path', () => {
    const scorer = createScorer(exact, { reference: '{{answer}}', aliases: 'meta.aliases' });
    const data = { answer: 'United States', meta: { aliases: ['USA', 'U.S.'] } };
    expect(scoreOne(scorer, data, 'usa').pass).toBe(true);
    expect(scoreOne(scorer, data, 'America').pass).toBe(false);
  });

  it('treats a missing aliases field as no aliases', () => {
    const scorer = createScorer(exact, { reference: '{{answer}}', aliases: 'aliases' });
    expect(scoreOne(scorer, { answer: 'Paris' }, 'paris').pass).toBe(true);
  });

  it('throws DATASET_INVALID naming the sample when aliases hold objects', () => {
    const scorer = createScorer(exact, { reference: '{{answer}}', aliases: 'aliases' });
    const error = (() => {
      try {
        scoreOne(scorer, { answer: 'Paris', aliases: [{ text: 'x' }] }, 'paris');
      } catch (caught) {
        return caught;
      }
    })();
    expect(isVerdictError(error, 'DATASET_INVALID')).toBe(true);
    expect((error as Error).message).toBe(
      'datasets/test.jsonl:7 (sample "s1"): scorer "exact" aliases "aliases" should be an array of strings, got an item {"text":"x"}',
    );
  });

  it('throws TEMPLATE_MISSING_FIELD when the reference field is missing', () => {
    const scorer = createScorer(exact, { reference: '{{answer}}' });
    expect(() => scoreOne(scorer, { other: 1 }, 'x')).toThrow(/no field "answer"/);
  });

  it('returns the rendered reference as the expected answer and no options', () => {
    const scorer = createScorer(exact, { reference: 'Capital: {{answer}}' });
    expect(scorer.expected(makeSample({ answer: 'Paris' }))).toBe('Capital: Paris');
    expect(scorer.options(makeSample({}))).toBeUndefined();
  });

  it('rejects unknown params', () => {
    expect(() => exact.params.parse({ reference: '{{a}}', ignoreCase: true })).toThrow();
  });
});
