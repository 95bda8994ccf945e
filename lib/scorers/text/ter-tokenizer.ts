import { pyCollapseSpaces } from './python-strings.ts';

/** Options of sacreBLEU's Tercom tokenizer (`tokenizers/tokenizer_ter.py`, after Tercom's Normalizer.java). */
export interface TerTokenizerOptions {
  readonly normalized: boolean;
  readonly noPunct: boolean;
  readonly asianSupport: boolean;
  readonly caseSensitive: boolean;
}

const ASIAN_PUNCT = /([\u3001\u3002\u3008-\u3011\u3014-\u301f\uff61-\uff65\u30fb])/gu;
const FULL_WIDTH_PUNCT = /([\uff0e\uff0c\uff1f\uff1a\uff1b\uff01\uff02\uff08\uff09])/gu;

const WESTERN_RULES: readonly [RegExp, string][] = [
  [/([{-~[-` -&(-+:-@/])/gu, ' $1 '],
  [/'s /gu, " 's "],
  [/'s$/gu, " 's"],
  [/([^0-9])([.,])/gu, '$1 $2 '],
  [/([.,])([^0-9])/gu, ' $1 $2'],
  [/([0-9])(-)/gu, '$1 $2 '],
];

function normalizeGeneralAndWestern(text: string): string {
  let out = text.replaceAll('\n-', '').replaceAll('\n', ' ');
  out = out.replaceAll('&quot;', '"').replaceAll('&amp;', '&').replaceAll('&lt;', '<').replaceAll('&gt;', '>');
  out = ` ${out} `;
  for (const [pattern, replacement] of WESTERN_RULES) out = out.replace(pattern, replacement);
  return out;
}

// sacreBLEU's kana rules read `(^|^[...])([...]+)(?=$|^[...])`: with `^` inside the alternatives
// they only split a line that is all kana. Reproduced as written.
const ASIAN_RULES: readonly [RegExp, string][] = [
  [/([\u4e00-\u9fff\u3400-\u4dbf])/gu, ' $1 '],
  [/([\u31c0-\u31ef\u2e80-\u2eff])/gu, ' $1 '],
  [/([\u3300-\u33ff\uf900-\ufaff\ufe30-\ufe4f])/gu, ' $1 '],
  [/([\u3200-\u3f22])/gu, ' $1 '],
  [/(^|^[\u3040-\u309f])([\u3040-\u309f]+)(?=$|^[\u3040-\u309f])/gu, '$1 $2 '],
  [/(^|^[\u30a0-\u30ff])([\u30a0-\u30ff]+)(?=$|^[\u30a0-\u30ff])/gu, '$1 $2 '],
  [/(^|^[\u31f0-\u31ff])([\u31f0-\u31ff]+)(?=$|^[\u31f0-\u31ff])/gu, '$1 $2 '],
  [ASIAN_PUNCT, ' $1 '],
  [FULL_WIDTH_PUNCT, ' $1 '],
];

function normalizeAsian(text: string): string {
  let out = text;
  for (const [pattern, replacement] of ASIAN_RULES) out = out.replace(pattern, replacement);
  return out;
}

/** sacreBLEU `TercomTokenizer.__call__`: lowercase unless case-sensitive, optional normalisation and punctuation removal. */
export function tokenizeTercom(sentence: string, options: TerTokenizerOptions): string {
  if (!sentence) return '';
  let out = options.caseSensitive ? sentence : sentence.toLowerCase();
  if (options.normalized) {
    out = normalizeGeneralAndWestern(out);
    if (options.asianSupport) out = normalizeAsian(out);
  }
  if (options.noPunct) {
    out = out.replace(/[.,?:;!"()]/gu, '');
    if (options.asianSupport) out = out.replace(ASIAN_PUNCT, '').replace(FULL_WIDTH_PUNCT, '');
  }
  return pyCollapseSpaces(out);
}
