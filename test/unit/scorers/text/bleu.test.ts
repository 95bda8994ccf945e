import { describe, expect, it } from 'vitest';
import { bleu } from '../../../../lib/scorers/bleu.ts';
import { scoreSync } from '../../../../lib/scorers/score-sync.ts';
import { computeBleu } from '../../../../lib/scorers/text/bleu-statistics.ts';
import { createScorer, makeSample, scoreOne } from '../helpers.ts';
import { scoreCorpus } from './corpus-helpers.ts';
import { ofKind } from '../../../../lib/results/index.ts';

// Expected values from sacreBLEU's own tests (mjpost/sacrebleu v2.6.0): test/test_bleu.py and
// test/test_sentence_bleu.py; the README corpus with two reference streams.
const REFS = [
  ['The dog bit the man.', 'It was not unexpected.', 'The man bit him first.'],
  ['The dog had bit the man.', 'No one was surprised.', 'The man had bitten the dog.'],
];
const HYPS = ['The dog bit the man.', "It wasn't surprising.", 'The man had just bitten him.'];

function corpusBleu(hyps: readonly string[], refs: readonly (readonly string[])[], params: Record<string, unknown> = {}) {
  const scorer = createScorer(bleu, { references: '{{refs}}', ...params });
  const items = scoreCorpus(scorer, hyps, refs);
  return ofKind(bleu.aggregate!(items, { id: 'bleu', seed: 1, params: bleu.params.parse({ references: '{{refs}}', ...params }) }).bleu, 'text-overlap')!;
}

describe('bleu scorer: sacreBLEU test/test_bleu.py vectors', () => {
  it.each([
    [{}, 48.530827],
    [{ tokenize: 'none' }, 49.1919566],
    [{ tokenize: '13a' }, 48.530827],
    [{ tokenize: 'intl' }, 43.91623493],
    [{ smooth: 'none' }, 48.530827],
  ])('corpus BLEU of the README corpus with %j is %f', (params, expected) => {
    expect(corpusBleu(HYPS, REFS, params).value).toBeCloseTo(expected, 6);
  });

  it('records the corpus breakdown and the signature sacreBLEU prints', () => {
    const metric = corpusBleu(HYPS, REFS);
    expect(metric.signature).toBe('nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0');
    expect(metric.corpus).toMatchObject({ counts: [14, 7, 5, 3], totals: [17, 14, 11, 8], hypLen: 17, refLen: 18 });
    expect((metric.corpus as { bp: number }).bp).toBeCloseTo(0.943, 3);
    expect(metric.n).toBe(3);
  });

  it('scores empty hypotheses 0, not NaN, and keeps them in the corpus', () => {
    const metric = corpusBleu(['', '', ''], REFS);
    expect(metric.value).toBe(0);
    const score = scoreOne(createScorer(bleu, { reference: '{{ref}}' }), { ref: 'a reference' }, '');
    expect(score.value).toBe(0);
    expect(score.pass).toBe(false);
  });

  it.each([
    [1, '77.65'],
    [2, '60.50'],
    [3, '53.93'],
    [4, '48.53'],
    [5, '46.14'],
    [6, '43.28'],
  ])('max_ngram_order %i gives %s', (order, expected) => {
    expect(corpusBleu(HYPS, REFS, { maxNgramOrder: order }).value!.toFixed(2)).toBe(expected);
  });

  it('raw_corpus_bleu cases (floor 0.01, tokenize none): test_raw_bleu and test_effective_order', () => {
    const raw = { smooth: 'floor', smoothValue: 0.01, tokenize: 'none', effectiveOrder: true };
    expect(corpusBleu(['this is a test', 'another test'], [['ref1', 'ref2']], raw).value).toBe(0);
    expect(corpusBleu(['this is a test'], [['this is a test']], raw).value! / 100).toBeCloseTo(1, 8);
    expect(corpusBleu(['this is a fest'], [['this is a test']], raw).value! / 100).toBeCloseTo(0.223606797749979, 8);
    expect(corpusBleu(['test'], [['a test']], raw).value! / 100).toBeCloseTo(0.3678794411714425, 8);
    expect(corpusBleu(['a test'], [['a test']], raw).value! / 100).toBeCloseTo(1, 8);
    expect(corpusBleu(['a little test'], [['a test']], raw).value! / 100).toBeCloseTo(0.03218297948685433, 8);
  });

  it('counts clipped matches per order as test_statistics does, and test_offset scores', () => {
    const raw = { smooth: 'floor', tokenize: 'none', effectiveOrder: true };
    const metric = corpusBleu(['am I am a character sequence'], [['I am a symbol string sequence a a']], { ...raw, smoothValue: 0.01 });
    expect(metric.corpus).toMatchObject({ counts: [4, 2, 1, 0], totals: [6, 5, 4, 3] });
    expect(corpusBleu(['am I am a character sequence'], [['I am a symbol string sequence a a']], { ...raw, smoothValue: 0 }).value).toBe(0);
    expect(corpusBleu(['am I am a character sequence'], [['I am a symbol string sequence a a']], raw).value! / 100).toBeCloseTo(0.1555722182, 8);
  });

  it('compute_bleu on sufficient statistics: test_scoring and test_degenerate_statistics', () => {
    const plain = { smooth: 'none', maxNgramOrder: 4, effectiveOrder: false } as const;
    expect(computeBleu([11, 11, 9, 7, 5, 3, 10, 8, 6, 4], plain).score / 100).toBeCloseTo(0.8375922397, 8);
    const floor = (value: number) => ({ smooth: 'floor', smoothValue: value, maxNgramOrder: 4, effectiveOrder: false }) as const;
    expect(computeBleu([0, 1, 0, 0, 0, 0, 4, 4, 2, 1], floor(0)).score).toBe(0);
    expect(computeBleu([14, 10, 0, 0, 0, 0, 10, 11, 12, 0], floor(0)).score).toBe(0);
    expect(computeBleu([0, 0, 0, 0, 0, 0, 0, 0, 0, 0], floor(0)).score).toBe(0);
    expect(computeBleu([6, 6, 6, 5, 4, 0, 6, 5, 4, 3], floor(0)).score).toBe(0);
    expect(computeBleu([0, 0, 0, 0, 0, 0, 0, 0, 0, 0], floor(0.1)).score).toBe(0);
    expect(computeBleu([1, 5, 0, 0, 0, 0, 0, 0, 0, 0], floor(0.01)).score).toBe(0);
  });
});

describe('bleu scorer: sentence BLEU, sacreBLEU test/test_sentence_bleu.py', () => {
  const REF = 'producţia de zahăr brut se exprimă în zahăr alb;';
  const SYS = 'Producția de zahăr primă va fi exprimată în ceea ce privește zahărul alb;';
  it.each([
    [{ smooth: 'exp' }, 8.493],
    [{ smooth: 'none' }, 0],
    [{ smooth: 'floor' }, 4.51688],
    [{ smooth: 'floor', smoothValue: 0.1 }, 4.51688],
    [{ smooth: 'floor', smoothValue: 0.5 }, 10.1],
    [{ smooth: 'add-k' }, 14.882],
    [{ smooth: 'add-k', smoothValue: 1 }, 14.882],
    [{ smooth: 'add-k', smoothValue: 2 }, 21.389],
    [{ tokenize: 'none' }, 7.347],
    [{ tokenize: 'intl' }, 8.493],
    [{ tokenize: 'char' }, 40.8759],
    [{ tokenize: 'char', lowercase: true }, 42.0267],
  ])('sentence BLEU with %j is %f (effective order)', (params, expected) => {
    const score = scoreOne(createScorer(bleu, { reference: '{{ref}}', ...params }), { ref: REF }, SYS);
    expect(Math.abs((score.detail!.sentence as number) - expected)).toBeLessThan(1e-3);
    expect(Math.abs(score.value - expected / 100)).toBeLessThan(1e-5);
  });

  it.each(['exp', 'none', 'floor', 'add-k'])('no match at all is 0 under %s smoothing (test_api_sentence_bleu_zero)', (smooth) => {
    expect(scoreOne(createScorer(bleu, { reference: '{{ref}}', smooth }), { ref: 'okay thanks' }, 'this is a cat').value).toBe(0);
  });

  it('writes the floor and add-k values into the signature as sacreBLEU does', () => {
    const corpus = bleu.corpus!(bleu.params.parse({ reference: '{{r}}', smooth: 'floor' }), { id: 'bleu' });
    expect(corpus.signature(1)).toBe('nrefs:1|case:mixed|eff:no|tok:13a|smooth:floor[0.10]|version:2.6.0');
    const addK = bleu.corpus!(bleu.params.parse({ reference: '{{r}}', smooth: 'add-k', lowercase: true, effectiveOrder: true, tokenize: 'zh' }), { id: 'bleu' });
    expect(addK.signature('var')).toBe('nrefs:var|case:lc|eff:yes|tok:zh|smooth:add-k[1.00]|version:2.6.0');
  });
});

describe('bleu scorer: references and bad input', () => {
  it('names the sample when the reference field is missing', () => {
    const scorer = createScorer(bleu, { reference: '{{ref}}' });
    expect(() => scorer.score({ sample: makeSample({ other: 'x' }, 'zh-17'), output: 'a' })).toThrow(/datasets\/test\.jsonl:7 \(sample "zh-17"\).*ref/);
  });

  it('names the sample when the references list is missing or not a list of strings', () => {
    const scorer = createScorer(bleu, { references: '{{refs}}' });
    expect(() => scorer.score({ sample: makeSample({}, 'x1'), output: 'a' })).toThrow(/sample "x1".*references "refs"/);
    expect(() => scorer.score({ sample: makeSample({ refs: [1] }, 'x2'), output: 'a' })).toThrow(/sample "x2".*list of strings/);
  });

  it('refuses a bleu scorer without any reference', () => {
    expect(() => createScorer(bleu, {})).toThrow(/give reference/);
  });

  it('oracle answers the first reference, which scores BLEU 100', () => {
    const scorer = createScorer(bleu, { references: '{{refs}}' });
    const sample = makeSample({ refs: ['The parcel arrives on Monday.', 'Your parcel will arrive Monday.'] });
    const expected = scorer.expected(sample)!;
    expect(expected).toBe('The parcel arrives on Monday.');
    expect(scoreSync(scorer, { sample, output: expected }).value).toBe(1);
  });
});
