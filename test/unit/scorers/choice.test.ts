import { describe, expect, it } from 'vitest';
import { isVerdictError } from '../../../lib/errors/index.ts';
import { mapOutputToOption, resolveReferenceOption } from '../../../lib/scorers/choice-mapping.ts';
import { choice } from '../../../lib/scorers/choice.ts';
import { createScorer, makeSample, scoreOne } from './helpers.ts';

const OPTIONS = ['Paris', 'London', 'Berlin', 'Madrid'];

describe('mapOutputToOption', () => {
  it.each([
    ['london', 1],
    ['  London. ', 1],
    ['**Berlin**', 2],
    ['B', 1],
    ['(B)', 1],
    ['B.', 1],
    ['b', 1],
    ['Answer: C', 2],
    ['The answer is D', 3],
    ['The correct answer is (a).', 0],
    ['I think the answer is B because London is the capital.', 1],
    ['answer: c', 2],
    ['(C) Berlin', 2],
    ['C. Berlin', 2],
    ['It is clearly Madrid, of course.', 3],
    // "I" after "Answer:" is the pronoun; the option named later in the text is found instead.
    ['Answer: I think it is Berlin', 2],
  ])('maps %j to option %d', (output, index) => {
    expect(mapOutputToOption(output, OPTIONS)).toBe(index);
  });

  it.each([
    ['Paris or London'],
    ['I do not know'],
    ['E'],
    ['The answer is a tricky one'],
    [''],
  ])('cannot map %j', (output) => {
    expect(mapOutputToOption(output, OPTIONS)).toBeNull();
  });

  it('does not find an option inside a longer word ("no" in "know")', () => {
    expect(mapOutputToOption("I don't know", ['Yes', 'No'])).toBeNull();
    expect(mapOutputToOption('No, never.', ['Yes', 'No'])).toBe(1);
  });

  it('prefers the longer option when a shorter one is part of it', () => {
    expect(mapOutputToOption('It was Paris, Texas', ['Paris', 'Paris, Texas'])).toBe(1);
  });

  it('finds Chinese option texts without word boundaries', () => {
    expect(mapOutputToOption('我认为答案是北京。', ['上海', '北京'])).toBe(1);
  });
});

describe('resolveReferenceOption', () => {
  it('reads a letter, a 0-based index or an option text', () => {
    expect(resolveReferenceOption('B', OPTIONS, 'auto')).toEqual({ index: 1 });
    expect(resolveReferenceOption('2', OPTIONS, 'auto')).toEqual({ index: 2 });
    expect(resolveReferenceOption('madrid', OPTIONS, 'auto')).toEqual({ index: 3 });
  });

  it('reports a reference that names no option', () => {
    expect(resolveReferenceOption('Rome', OPTIONS, 'auto')).toEqual({
      problem: 'names no option; expected a letter, 0-based index or option text among 4 options',
    });
  });

  it('reports an index that is also another option text, unless referenceKind says which', () => {
    expect(resolveReferenceOption('2', ['1', '2', '3'], 'auto')).toHaveProperty('problem');
    expect(resolveReferenceOption('2', ['1', '2', '3'], 'text')).toEqual({ index: 1 });
    expect(resolveReferenceOption('2', ['1', '2', '3'], 'index')).toEqual({ index: 2 });
  });
});

describe('choice scorer', () => {
  const row = { question: 'Capital of France?', options: OPTIONS, answer: 'A' };

  it('scores 1 for the correct letter or text and records the chosen index', () => {
    const scorer = createScorer(choice, { reference: '{{answer}}' });
    expect(scoreOne(scorer, row, 'The answer is A.')).toEqual({ value: 1, pass: true, detail: { chosen: 0 } });
    expect(scoreOne(scorer, row, 'Paris')).toEqual({ value: 1, pass: true, detail: { chosen: 0 } });
  });

  it('scores 0 for another option', () => {
    const scorer = createScorer(choice, { reference: '{{answer}}' });
    expect(scoreOne(scorer, row, 'B')).toEqual({ value: 0, pass: false, detail: { chosen: 1 } });
  });

  it('scores 0 with chosen null when the output maps to no option', () => {
    const scorer = createScorer(choice, { reference: '{{answer}}' });
    expect(scoreOne(scorer, row, 'I would rather not say.')).toEqual({ value: 0, pass: false, detail: { chosen: null } });
  });

  it('reads options from optionFields and a numeric index reference (BBQ rows)', () => {
    const scorer = createScorer(choice, { optionFields: ['ans0', 'ans1', 'ans2'], reference: '{{label}}' });
    const bbq = { ans0: 'The grandfather', ans1: 'The grandson', ans2: "Can't be determined", label: 2 };
    expect(scoreOne(scorer, bbq, "Can't be determined.")).toEqual({ value: 1, pass: true, detail: { chosen: 2 } });
    expect(scorer.options(makeSample(bbq))).toEqual(['The grandfather', 'The grandson', "Can't be determined"]);
    expect(scorer.expected(makeSample(bbq))).toBe('C');
  });

  it('returns the correct letter as expected, which scores 1 (the oracle)', () => {
    const scorer = createScorer(choice, { reference: '{{answer}}', options: 'options' });
    const textRow = { ...row, answer: 'London' };
    const expected = scorer.expected(makeSample(textRow));
    expect(expected).toBe('B');
    expect(scoreOne(scorer, textRow, expected!).pass).toBe(true);
  });

  it('throws DATASET_INVALID naming the sample when the reference names no option', () => {
    const scorer = createScorer(choice, { reference: '{{answer}}' });
    expect(() => scoreOne(scorer, { ...row, answer: 'Rome' }, 'A')).toThrow(
      'datasets/test.jsonl:7 (sample "s1"): scorer "choice" reference "Rome" names no option',
    );
  });

  it('throws DATASET_INVALID when the options field is not an array', () => {
    const scorer = createScorer(choice, { reference: '{{answer}}' });
    let error: unknown;
    try {
      scoreOne(scorer, { answer: 'A', options: 'Paris' }, 'A');
    } catch (caught) {
      error = caught;
    }
    expect(isVerdictError(error, 'DATASET_INVALID')).toBe(true);
    expect((error as Error).message).toContain('options "options" should be an array of 2 to 26 option texts, got "Paris"');
  });

  it('refuses both options and optionFields', () => {
    expect(() => createScorer(choice, { reference: '{{a}}', options: 'opts', optionFields: ['a', 'b'] })).toThrow(
      /both options \("opts"\) and optionFields are set/,
    );
  });
});

describe('choice with a fixed options list', () => {
  const scorer = createScorer(choice, { options: ['positive', 'negative', 'neutral'], reference: '{{label}}' });

  it('uses the same label set for every row, by text or letter', () => {
    expect(scorer.score({ sample: makeSample({ label: 'negative' }), output: 'Negative.' })).toMatchObject({ pass: true, detail: { chosen: 1 } });
    expect(scorer.score({ sample: makeSample({ label: 'neutral' }), output: 'C' })).toMatchObject({ pass: true, detail: { chosen: 2 } });
    expect(scorer.score({ sample: makeSample({ label: 'positive' }), output: 'It is neutral' })).toMatchObject({ pass: false, detail: { chosen: 2 } });
    expect(scorer.options(makeSample({ label: 'x' }))).toEqual(['positive', 'negative', 'neutral']);
    expect(scorer.expected(makeSample({ label: 'neutral' }))).toBe('C');
  });

  it('is refused in a spec with fewer than two labels', async () => {
    const { parseEvalSpec } = await import('../../../lib/spec/index.ts');
    const spec = (options: string) => `name: s\ndataset: { path: d.jsonl }\nprompt: "{{q}}"\ncandidates: [{ id: oracle, provider: control, kind: oracle }]\nscorers: [{ type: choice, options: ${options}, reference: "{{label}}" }]\n`;
    expect(() => parseEvalSpec(spec('[positive, negative]'), { path: 's.yaml', baseDir: '/tmp', env: {} })).not.toThrow();
    expect(() => parseEvalSpec(spec('[positive]'), { path: 's.yaml', baseDir: '/tmp', env: {} })).toThrow(/scorers\[0\]\.options/);
  });
});
