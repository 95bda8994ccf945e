import { describe, expect, it } from 'vitest';
import { ter } from '../../../../lib/scorers/ter.ts';
import { tokenizeTercom } from '../../../../lib/scorers/text/ter-tokenizer.ts';
import { createScorer, scoreOne } from '../helpers.ts';
import { scoreCorpus } from './corpus-helpers.ts';
import { ofKind } from '../../../../lib/results/index.ts';

// Expected values from sacreBLEU's own tests (mjpost/sacrebleu v2.6.0): test/test_ter.py and
// test/test_tokenizer_ter.py; the README corpus score from sacreBLEU 2.6.0 itself (TER()).
function corpusTer(hyps: readonly string[], refs: readonly (readonly string[])[], params: Record<string, unknown> = {}) {
  const raw = { references: '{{refs}}', ...params };
  const items = scoreCorpus(createScorer(ter, raw), hyps, refs);
  return ofKind(ter.aggregate!(items, { id: 'ter', seed: 5, params: ter.params.parse(raw) }).ter, 'text-overlap')!;
}

describe('ter scorer: sacreBLEU test/test_ter.py vectors', () => {
  it.each([
    [['aaaa bbbb cccc dddd'], ['aaaa bbbb cccc dddd'], 0],
    [['dddd eeee ffff'], ['aaaa bbbb cccc'], 1],
    [[''], ['a'], 1],
    [['a'], [''], 1],
    [[''], [''], 0],
    [['d e f g h a b c'], ['a b c d e f g h'], 1 / 8],
    [
      [
        'wählen Sie " Bild neu berechnen , " um beim Ändern der Bildgröße Pixel hinzuzufügen oder zu entfernen , damit das Bild ungefähr dieselbe Größe aufweist wie die andere Größe .',
        'wenn Sie alle Aufgaben im aktuellen Dokument aktualisieren möchten , wählen Sie im Menü des Aufgabenbedienfelds die Option " Alle Aufgaben aktualisieren . "',
        'klicken Sie auf der Registerkarte " Optionen " auf die Schaltfläche " Benutzerdefiniert " und geben Sie Werte für " Fehlerkorrektur-Level " und " Y / X-Verhältnis " ein .',
        'Sie können beispielsweise ein Dokument erstellen , das ein Auto über die Bühne enthält .',
        'wählen Sie im Dialogfeld " Neu aus Vorlage " eine Vorlage aus und klicken Sie auf " Neu . "',
      ],
      [
        'wählen Sie " Bild neu berechnen , " um beim Ändern der Bildgröße Pixel hinzuzufügen oder zu entfernen , damit die Darstellung des Bildes in einer anderen Größe beibehalten wird .',
        'wenn Sie alle Aufgaben im aktuellen Dokument aktualisieren möchten , wählen Sie im Menü des Aufgabenbedienfelds die Option " Alle Aufgaben aktualisieren . "',
        'klicken Sie auf der Registerkarte " Optionen " auf die Schaltfläche " Benutzerdefiniert " und geben Sie für " Fehlerkorrektur-Level " und " Y / X-Verhältnis " niedrigere Werte ein .',
        'Sie können beispielsweise ein Dokument erstellen , das ein Auto enthalt , das sich über die Bühne bewegt .',
        'wählen Sie im Dialogfeld " Neu aus Vorlage " eine Vorlage aus und klicken Sie auf " Neu . "',
      ],
      0.136,
    ],
  ])('corpus TER of %j is %f', (hyps, refs, expected) => {
    expect(Math.abs(corpusTer(hyps, [refs]).value! - 100 * expected)).toBeLessThan(1e-3);
  });

  it('needs the shift: without it "d e f g h a b c" would cost 6 edits, with it 1', () => {
    const score = scoreOne(createScorer(ter, { reference: '{{ref}}' }), { ref: 'a b c d e f g h' }, 'd e f g h a b c');
    expect(score.detail!.stats).toEqual([1, 8]);
    expect(score.value).toBeCloseTo(0.125, 10);
  });

  it('scores the README corpus with two references as sacreBLEU 2.6.0: 40.00, signature included', () => {
    const refs = [
      ['The dog bit the man.', 'It was not unexpected.', 'The man bit him first.'],
      ['The dog had bit the man.', 'No one was surprised.', 'The man had bitten the dog.'],
    ];
    const metric = corpusTer(['The dog bit the man.', "It wasn't surprising.", 'The man had just bitten him.'], refs);
    expect(metric.value).toBeCloseTo(40, 8);
    expect(metric.signature).toBe('nrefs:2|case:lc|tok:tercom|norm:no|punct:yes|asian:no|version:2.6.0');
  });
});

describe('Tercom tokenizer: sacreBLEU test/test_tokenizer_ter.py', () => {
  const base = { normalized: false, noPunct: false, asianSupport: false, caseSensitive: false };
  it.each([
    ['a b c d', 'a b c d'],
    ['', ''],
    ['a b c d.', 'a b c d.'],
    ['A B C D.', 'a b c d.'],
  ])('default: %j → %j', (input, expected) => expect(tokenizeTercom(input, base)).toBe(expected));
  it.each([
    ['a b c d.', 'a b c d'],
    ['A ; B ) C : D.', 'a b c d'],
  ])('noPunct: %j → %j', (input, expected) => expect(tokenizeTercom(input, { ...base, noPunct: true })).toBe(expected));
  it.each([
    ['a b (c) d.', 'a b ( c ) d .'],
    ["Jim's car.", "jim 's car ."],
    ['4.2', '4.2'],
  ])('normalized: %j → %j', (input, expected) => expect(tokenizeTercom(input, { ...base, normalized: true })).toBe(expected));
  it.each([
    ['美众院公布对特', '美 众 院 公 布 对 特'],
    ['りの拳銃を持', 'りの 拳 銃 を 持'],
  ])('normalized + asianSupport: %j → %j', (input, expected) => expect(tokenizeTercom(input, { ...base, normalized: true, asianSupport: true })).toBe(expected));
});
