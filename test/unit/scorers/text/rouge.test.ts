import { describe, expect, it } from 'vitest';
import { rouge } from '../../../../lib/scorers/rouge.ts';
import { rougeLsum } from '../../../../lib/scorers/text/rouge-score.ts';
import { createScorer, scoreOne } from '../helpers.ts';
import { fakeRecord } from './corpus-helpers.ts';
import { ofKind } from '../../../../lib/results/index.ts';

// Expected values from rouge-score's own tests (google-research/google-research
// rouge/rouge_scorer_test.py; "ground truth" from ROUGE-1.5.5) and its test data
// rouge/testdata/target.txt and prediction.txt, lines 1 and 2 (readlines keeps the "\n").
const TARGETS = [
  "ZfbCUIUuePaiLVUlCaUXxkpu XPeWing tUHfPMuZ',-Xd Y BrUgVJing M-HV.-DgdDaY.rFDJCRing Ht-LM EKBDXkME,yz'RBr q'wtion wIojNbN wL,b .a-'XdQggyFl jB-RPP'iyOIcUxer tKM L\n",
  "KsJdPByEtAor fE-Qg Dpdbring cw-WeFyu vC MoBL Xdn g wkvcEiGvKtion BDFhrpMtion psing sbKao Q m qiing LMmer HqqLFXe,XPY,J XsurkMer ,ed nB'wH'bWVHjWFEing tQ.saefZwJtKrTlixYpMMsJing UCAPwNHeYVjDing c T BUySKtion gMPfJpwGw p'NvxAoping eu pBwMBKV'I DNxqelhu,PHPxDEq,mtion SN\n",
];
const PREDICTIONS = [
  "rFDJCRtion Ht-LM EKtDXkME,yz'RBr q'wer wrojNbN wL,b .a-'XdQggyFl jB-RPP'iyOIcUxi\n",
  "n cw-WeFyu vC MoBL Xdn g wkvcEiGvKtion BDFhrpMer pstion sbKao Q m qier LMmed HqqLFXe,XPY,J XsurkMeo ,ed nB'wH'bWVHjWFEer tQ.saefZwJtKrTlixYpMMNJtion UCAPwNHeYVjD\n",
];

function score(target: string, prediction: string, params: Record<string, unknown> = {}) {
  return scoreOne(createScorer(rouge, { reference: '{{target}}', types: ['rouge1', 'rouge2', 'rougeL', 'rougeLsum'], ...params }), { target }, prediction).detail as Record<
    string,
    { precision: number; recall: number; fmeasure: number }
  >;
}

describe('rouge scorer: rouge-score rouge_scorer_test.py', () => {
  it('testRouge1, testRouge2, testRougeLConsecutive, testRougeLNonConsecutive', () => {
    expect(score('testing one two', 'testing').rouge1).toEqual({ precision: 1, recall: 1 / 3, fmeasure: 0.5 });
    const two = score('testing one two', 'testing one');
    expect(two.rouge2!.precision).toBe(1);
    expect(two.rouge2!.recall).toBeCloseTo(0.5, 12);
    expect(two.rouge2!.fmeasure).toBeCloseTo(2 / 3, 12);
    expect(two.rougeL!.recall).toBeCloseTo(2 / 3, 12);
    expect(two.rougeL!.fmeasure).toBeCloseTo(0.8, 12);
    expect(score('testing one two', 'testing two').rougeL!.fmeasure).toBeCloseTo(0.8, 12);
  });

  it.each(['rouge1', 'rouge2', 'rougeL', 'rougeLsum'])('testRougeEmpty: %s of an empty prediction is 0', (type) => {
    expect(score('testing one two', '')[type]).toEqual({ precision: 0, recall: 0, fmeasure: 0 });
  });

  it.each([
    [0, false, { rouge1: [0.40741, 0.6875, 0.51163], rouge2: [0.30769, 0.53333, 0.39024], rougeL: [0.40741, 0.6875, 0.51163] }],
    [1, false, { rouge1: [0.40476, 0.65385, 0.5], rouge2: [0.29268, 0.48, 0.36364], rougeL: [0.40476, 0.65385, 0.5] }],
    [0, true, { rouge1: [0.40741, 0.6875, 0.51163], rouge2: [0.30769, 0.53333, 0.39024] }],
    [1, true, { rouge1: [0.42857, 0.69231, 0.52941], rouge2: [0.29268, 0.48, 0.36364] }],
  ])('against ROUGE-1.5.5: testdata line %i, stemmer %s', (line, useStemmer, expected) => {
    const result = score(TARGETS[line]!, PREDICTIONS[line]!, { useStemmer });
    for (const [type, [recall, precision, fmeasure]] of Object.entries(expected)) {
      expect(result[type]!.recall).toBeCloseTo(recall!, 5);
      expect(result[type]!.precision).toBeCloseTo(precision!, 5);
      expect(result[type]!.fmeasure).toBeCloseTo(fmeasure!, 5);
    }
  });

  it('testRougeLsum and testSummaryLevelLcs: union LCS over newline-split sentences', () => {
    const result = score('w1 w2 w3 w4 w5', 'w1 w2 w6 w7 w8\nw1 w3 w8 w9 w5').rougeLsum!;
    expect(result.recall).toBeCloseTo(0.8, 12);
    expect(result.precision).toBeCloseTo(0.4, 12);
    expect(result.fmeasure).toBeCloseTo(0.5333, 3);
    expect(score('', 'w1').rougeLsum!.fmeasure).toBe(0);
    expect(score('w1 w2 w3 w4 w5', '/').rougeLsum!.fmeasure).toBe(0);
    expect(rougeLsum([['reference']], [[]]).recall).toBe(0);
  });

  it('rougeL on one line differs from rougeLsum on the same text split into sentences', () => {
    const text = score('a b c d', 'c d\na b');
    expect(text.rougeL!.recall).toBe(0.5);
    expect(text.rougeLsum!.recall).toBe(1);
  });
});

describe('rouge scorer: Chinese, references, summary', () => {
  it('the default tokenizer empties Chinese (as rouge-score does), cjk scores characters and is named in the signature', () => {
    const scorer = createScorer(rouge, { reference: '{{target}}', types: ['rouge1', 'rougeL'] });
    const chinese = scoreOne(scorer, { target: '您的订单已发货' }, '您的订单已经发货');
    expect(chinese.value).toBe(0);
    expect(chinese.detail!.emptied).toBe(true);
    const cjk = scoreOne(createScorer(rouge, { reference: '{{target}}', types: ['rouge1'], tokenizer: 'cjk' }), { target: '您的订单已发货' }, '您的订单已经发货');
    expect(cjk.value).toBeCloseTo((2 * (7 / 8) * 1) / (7 / 8 + 1), 12);
    const params = rouge.params.parse({ reference: '{{t}}', types: ['rouge1'] });
    const metrics = rouge.aggregate!([{ record: fakeRecord('s1'), score: chinese }], { id: 'rouge', seed: 1, params });
    expect(ofKind(metrics['rouge.rouge1'], 'text-overlap')!.warning).toMatch(/deleted every character of 1 non-empty output/);
    expect(ofKind(metrics['rouge.rouge1'], 'text-overlap')!.signature).toBe('nrefs:1|tok:default|stem:no|rouge-score:0.1.2');
  });

  it('keeps, per type, the reference with the best F (score_multi)', () => {
    const result = scoreOne(createScorer(rouge, { references: '{{refs}}', types: ['rouge1'] }), { refs: ['nothing alike here', 'the parcel arrived'] }, 'the parcel arrived');
    expect(result.value).toBe(1);
  });

  it('summarises the mean F with P and R alongside, by category, with a seeded interval', () => {
    const scorer = createScorer(rouge, { reference: '{{target}}', types: ['rouge1'] });
    const rows = [
      ['a b c d', 'a b c d', 'x'],
      ['a b c d', 'a b', 'x'],
      ['a b c d', 'e f', 'y'],
    ];
    const items = rows.map(([target, output, category], i) => ({ record: fakeRecord(`s${i}`, category), score: scoreOne(scorer, { target }, output!) }));
    const params = rouge.params.parse({ reference: '{{t}}', types: ['rouge1'] });
    const first = ofKind(rouge.aggregate!(items, { id: 'rouge', seed: 9, params })['rouge.rouge1'], 'text-overlap')!;
    expect(first.value).toBeCloseTo((1 + 2 / 3 + 0) / 3, 12);
    expect(first.precision).toBeCloseTo((1 + 1 + 0) / 3, 12);
    expect(first.recall).toBeCloseTo((1 + 0.5 + 0) / 3, 12);
    expect(first.byCategory!.x!.value).toBeCloseTo(5 / 6, 12);
    expect(first.ci95).toEqual(rouge.aggregate!(items, { id: 'rouge', seed: 9, params })['rouge.rouge1']!.ci95);
  });
});
