import { describe, expect, it } from 'vitest';
import { bleu } from '../../../../lib/scorers/bleu.ts';
import { chrf } from '../../../../lib/scorers/chrf.ts';
import { tokenize13a, tokenizeChar, tokenizeIntl, tokenizeZh } from '../../../../lib/scorers/text/bleu-tokenizers.ts';
import { createScorer, scoreOne } from '../helpers.ts';
import { scoreCorpus } from './corpus-helpers.ts';

// Expected strings and scores produced by sacreBLEU 2.6.0 itself (mjpost/sacrebleu v2.6.0:
// tokenizers/tokenizer_13a.py, tokenizer_intl.py, tokenizer_zh.py, tokenizer_char.py, and
// BLEU / CHRF corpus_score) on sentences written for this test. sacreBLEU's own tests
// (test/test_bleu.py, test_sentence_bleu.py) have no Chinese, so these fill that gap.
// Columns: input, 13a, intl, zh, char.
const TOKENIZER_CASES: readonly (readonly [string, string, string, string, string])[] = [
  ["您的订单已经发货，预计周五送达。", "您的订单已经发货，预计周五送达。", "您的订单已经发货 ， 预计周五送达 。", "您 的 订 单 已 经 发 货 ， 预 计 周 五 送 达 。", "您 的 订 单 已 经 发 货 ， 预 计 周 五 送 达 。"],
  ["请在“我的订单”页面查看——物流信息…", "请在“我的订单”页面查看——物流信息…", "请在 “ 我的订单 ” 页面查看 — — 物流信息 …", "请 在 “ 我 的 订 单 ” 页 面 查 看 — — 物 流 信 息 …", "请 在 “ 我 的 订 单 ” 页 面 查 看 — — 物 流 信 息 …"],
  ["退款￥3,000.50已到账（约3-5个工作日）。", "退款￥3,000.50已到账（约3 - 5个工作日）。", "退款 ￥ 3,000.50已到账 （ 约3-5个工作日 ） 。", "退 款 ￥ 3,000.50 已 到 账 （ 约 3 - 5 个 工 作 日 ） 。", "退 款 ￥ 3 , 0 0 0 . 5 0 已 到 账 （ 约 3 - 5 个 工 作 日 ） 。"],
  ["It wasn't surprising: $3,000.50 & more.", "It wasn't surprising : $ 3,000.50 & more .", "It wasn ' t surprising : $ 3,000.50 & more .", "It wasn't surprising : $ 3,000.50 & more .", "I t   w a s n ' t   s u r p r i s i n g :   $ 3 , 0 0 0 . 5 0   &   m o r e ."],
  ["Order #A-17 shipped 2024-05-01; see <skipped>&quot;FAQ&quot;.", "Order # A-17 shipped 2024 - 05 - 01 ; see \" FAQ \" .", "Order # A - 17 shipped 2024-05-01 ; see < skipped > & quot ; FAQ & quot ; .", "Order # A-17 shipped 2024 - 05 - 01 ; see < skipped > & quot ; FAQ & quot ; .", "O r d e r   # A - 1 7   s h i p p e d   2 0 2 4 - 0 5 - 0 1 ;   s e e   < s k i p p e d > & q u o t ; F A Q & q u o t ; ."],
  ["最新版本v5.2修复了这个问题😀。", "最新版本v5.2修复了这个问题😀。", "最新版本v5.2修复了这个问题 😀 。", "最 新 版 本 v5.2 修 复 了 这 个 问 题 😀 。", "最 新 版 本 v 5 . 2 修 复 了 这 个 问 题 😀 。"],
  ["  price: €20　total.  ", "price : €20 total .", "price : € 20 total .", "price : € 20 total .", "    p r i c e :   € 2 0 　 t o t a l .    "],
];

describe('sacreBLEU tokenizers', () => {
  it.each(TOKENIZER_CASES)('%j under 13a, intl, zh and char', (input, t13a, intl, zh, char) => {
    expect(tokenize13a(input)).toBe(t13a);
    expect(tokenizeIntl(input)).toBe(intl);
    expect(tokenizeZh(input)).toBe(zh);
    expect(tokenizeChar(input)).toBe(char);
  });

  it('zh splits “ ” — … and € as sacreBLEU does (its U+2001–U+2A6D range), but not supplementary-plane characters', () => {
    expect(tokenizeZh('a“b”c')).toBe('a “ b ” c');
    expect(tokenizeZh('𠀀𠀁')).toBe('𠀀𠀁');
  });
});

describe('bleu and chrf on Chinese output', () => {
  const HYPS = ['您的订单已发货，应该会在周五送达。', '很抱歉，您的包裹延误了两天。', '请重启路由器，然后再试一次。'];
  const REFS = [
    ['您的订单已发货，预计周五送达。', '很抱歉，您的包裹晚了两天。', '请重启路由器，然后再试一次。'],
    ['您的订单已经寄出，应该会在周五到达。', '非常抱歉，您的包裹延误了两天。', '请先重启路由器，再重新尝试。'],
  ];
  const corpus = (tokenize: string, refs: readonly (readonly string[])[]) => {
    const raw = { references: '{{refs}}', tokenize };
    return bleu.aggregate!(scoreCorpus(createScorer(bleu, raw), HYPS, refs), { id: 'bleu', seed: 1, params: bleu.params.parse(raw) }).bleu!.value!;
  };

  it.each([
    ['zh', 97.2148492772109, 76.79464956453334],
    ['13a', 0, 0],
    ['char', 97.2148492772109, 76.79464956453334],
    ['intl', 58.71227783292688, 47.624007161646695],
  ])('corpus BLEU with tok:%s (two references, then one) as sacreBLEU 2.6.0', (tokenize, twoRefs, oneRef) => {
    expect(corpus(tokenize, REFS)).toBeCloseTo(twoRefs, 9);
    expect(corpus(tokenize, REFS.slice(0, 1))).toBeCloseTo(oneRef, 9);
  });

  it('sentence BLEU of Chinese: 100 under zh, 0 under 13a (one unsplit token that matches no reference)', () => {
    const data = { refs: [REFS[0]![1], REFS[1]![1]] };
    expect(scoreOne(createScorer(bleu, { references: '{{refs}}', tokenize: 'zh' }), data, HYPS[1]!).detail!.sentence).toBeCloseTo(100, 9);
    expect(scoreOne(createScorer(bleu, { references: '{{refs}}', tokenize: '13a' }), data, HYPS[1]!).value).toBe(0);
  });

  it('corpus chrF and chrF++ of Chinese as sacreBLEU 2.6.0: 80.7033, 73.9367', () => {
    const score = (params: Record<string, unknown>) => {
      const raw = { references: '{{refs}}', ...params };
      return chrf.aggregate!(scoreCorpus(createScorer(chrf, raw), HYPS, REFS), { id: 'chrf', seed: 1, params: chrf.params.parse(raw) }).chrf!.value!;
    };
    expect(score({})).toBeCloseTo(80.70332193630976, 9);
    expect(score({ wordOrder: 2 })).toBeCloseTo(73.93671608324499, 9);
  });
});
