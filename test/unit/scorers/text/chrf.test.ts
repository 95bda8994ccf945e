import { describe, expect, it } from 'vitest';
import { chrf } from '../../../../lib/scorers/chrf.ts';
import { createScorer, scoreOne } from '../helpers.ts';
import { scoreCorpus } from './corpus-helpers.ts';
import { ofKind } from '../../../../lib/results/index.ts';

// Expected values from sacreBLEU's own tests (mjpost/sacrebleu v2.6.0, test/test_chrf.py), and
// for the README corpus from sacreBLEU 2.6.0 itself (CHRF() and CHRF(word_order=2)).
function corpusChrf(hyps: readonly string[], refs: readonly (readonly string[])[], params: Record<string, unknown> = {}) {
  const raw = { references: '{{refs}}', ...params };
  const items = scoreCorpus(createScorer(chrf, raw), hyps, refs);
  return ofKind(chrf.aggregate!(items, { id: 'chrf', seed: 3, params: chrf.params.parse(raw) }).chrf, 'text-overlap')!;
}

const BETA3_EPS = { beta: 3, epsSmoothing: true };

describe('chrf scorer: sacreBLEU test/test_chrf.py vectors', () => {
  it.each([
    [['abcdefg'], ['hijklmnop'], 0],
    [['a'], ['b'], 0],
    [[''], ['b'], 0],
    [[''], ['ref'], 0],
    [[''], ['reference'], 0],
    [['aa'], ['ab'], 8.3333],
    [['a', 'b'], ['a', 'c'], 8.3333],
    [['a'], ['a'], 16.6667],
    [['a b c'], ['a b c'], 50],
    [['a b c'], ['abc'], 50],
    [[' risk assessment must be made of those who are qualified and expertise in the sector - these are the scientists .'], ['risk assessment has to be undertaken by those who are qualified and expert in that area - that is the scientists .'], 63.36173],
    [[' Die    Beziehung zwischen  Obama und Netanjahu ist nicht gerade  freundlich. '], ['Das Verhältnis zwischen Obama und Netanyahu ist nicht gerade freundschaftlich.'], 64.1302698],
    [['Niemand hat die Absicht, eine Mauer zu errichten'], ['Niemand hat die Absicht, eine Mauer zu errichten'], 100],
  ])('test_chrf (beta 3, eps): %j vs %j → %f', (hyps, refs, expected) => {
    expect(Math.abs(corpusChrf(hyps, [refs], BETA3_EPS).value! - expected)).toBeLessThan(1e-4);
  });

  it.each([
    [['a'], ['a'], 100],
    [[''], ['reference'], 0],
    [['a b c'], ['a b c'], 100],
    [['a b c'], ['abc'], 100],
    [[''], ['c'], 0],
    [['a', 'b'], ['a', 'c'], 50],
    [['aa'], ['ab'], 25],
  ])('test_chrf_eff_order (beta 3): %j vs %j → %f', (hyps, refs, expected) => {
    expect(Math.abs(corpusChrf(hyps, [refs], { beta: 3 }).value! - expected)).toBeLessThan(1e-4);
  });

  it.each([
    ['Die Beziehung zwischen Obama und Netanjahu ist nicht gerade freundlich.', 'Das Verhältnis zwischen Obama und Netanyahu ist nicht gerade freundschaftlich.', 67.3481606],
    ['risk assessment must be made of those who are qualified and expertise in the sector - these are the scientists .', 'risk assessment has to be undertaken by those who are qualified and expert in that area - that is the scientists .', 65.2414427],
  ])('test_chrf_keep_whitespace (beta 3): %s', (hyp, ref, expected) => {
    expect(Math.abs(corpusChrf([hyp], [[ref]], { beta: 3, whitespace: true }).value! - expected)).toBeLessThan(1e-4);
  });

  it.each([
    ['Co nás nejvíc trápí, protože lékaři si vybírají, kdo bude žít a kdo zemře.', 'Nejvíce smutní jsme z toho, že musíme rozhodovat o tom, kdo bude žít a kdo zemře.', 39.14078509],
    ['Nebo prostě nemají vybavení, které by jim pomohlo, uvedli lékaři.', 'A někdy nemáme ani potřebný materiál, abychom jim pomohli, popsali lékaři.', 31.22557079],
    ['Lapali po dechu, jejich životy skončily dřív, než skutečně začaly.', 'Lapali po dechu a pak jejich život skončil - dřív, než skutečně mohl začít, připomněli.', 57.15704367],
  ])('test_chrf_sentence_level (eps): %s', (hyp, ref, expected) => {
    const score = scoreOne(createScorer(chrf, { reference: '{{ref}}', epsSmoothing: true }), { ref }, hyp);
    expect(Math.abs((score.detail!.sentence as number) - expected)).toBeLessThan(1e-4);
  });
});

describe('chrf scorer: corpus statistics, chrF++ and several references', () => {
  const REFS = [
    ['The dog bit the man.', 'It was not unexpected.', 'The man bit him first.'],
    ['The dog had bit the man.', 'No one was surprised.', 'The man had bitten the dog.'],
  ];
  const HYPS = ['The dog bit the man.', "It wasn't surprising.", 'The man had just bitten him.'];

  it('scores the README corpus as sacreBLEU 2.6.0 prints it: chrF2 59.73, chrF2++ 59.15', () => {
    const plain = corpusChrf(HYPS, REFS);
    expect(plain.value).toBeCloseTo(59.72751783, 6);
    expect(plain.signature).toBe('nrefs:2|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0');
    const plus = corpusChrf(HYPS, REFS, { wordOrder: 2 });
    expect(plus.value).toBeCloseTo(59.15310444, 6);
    expect(plus.signature).toBe('nrefs:2|case:mixed|eff:yes|nc:6|nw:2|space:no|version:2.6.0');
  });

  it('is not the mean of sentence chrF', () => {
    const items = scoreCorpus(createScorer(chrf, { references: '{{refs}}' }), HYPS, REFS);
    const mean = items.reduce((sum, item) => sum + (item.score.detail!.sentence as number), 0) / items.length;
    expect(Math.abs(mean - corpusChrf(HYPS, REFS).value!)).toBeGreaterThan(1);
  });

  it('keeps, per segment, the statistics of the reference with the best F', () => {
    const one = scoreOne(createScorer(chrf, { references: '{{refs}}' }), { refs: ['completely different', 'the cat sat'] }, 'the cat sat');
    expect(one.detail!.sentence).toBe(100);
  });
});
