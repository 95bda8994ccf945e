import { codePoints, pyCollapseSpaces, pyStrip } from './python-strings.ts';

/** The tokenizers of sacreBLEU's BLEU that need no external model. */
export const BLEU_TOKENIZERS = ['13a', 'intl', 'zh', 'char', 'none'] as const;
export type BleuTokenizer = (typeof BLEU_TOKENIZERS)[number];

/**
 * sacreBLEU `tokenizer_re.TokenizerRegexp` (the mteval-v13a rules, in this order): split out
 * ASCII symbols, then periods and commas unless between digits, then a dash after a digit.
 */
const MTEVAL_RULES: readonly [RegExp, string][] = [
  [/([{-~[-` -&(-+:-@/])/gu, ' $1 '],
  [/([^0-9])([.,])/gu, '$1 $2 '],
  [/([.,])([^0-9])/gu, ' $1 $2'],
  [/([0-9])(-)/gu, '$1 $2 '],
];

function mtevalRegexps(line: string): string {
  let out = line;
  for (const [pattern, replacement] of MTEVAL_RULES) out = out.replace(pattern, replacement);
  return pyCollapseSpaces(out);
}

/** sacreBLEU `Tokenizer13a`: mteval-v13a.pl's language-independent part, then the regexps. */
export function tokenize13a(line: string): string {
  let out = line.replaceAll('<skipped>', '').replaceAll('-\n', '').replaceAll('\n', ' ');
  if (out.includes('&')) {
    out = out.replaceAll('&quot;', '"').replaceAll('&amp;', '&').replaceAll('&lt;', '<').replaceAll('&gt;', '>');
  }
  return mtevalRegexps(` ${out} `);
}

/** sacreBLEU `TokenizerV14International` (mteval-v14.pl --international-tokenization). */
const INTERNATIONAL_RULES: readonly [RegExp, string][] = [
  [/(\P{N})(\p{P})/gu, '$1 $2 '],
  [/(\p{P})(\P{N})/gu, ' $1 $2'],
  [/(\p{S})/gu, ' $1 '],
];

export function tokenizeIntl(line: string): string {
  let out = line;
  for (const [pattern, replacement] of INTERNATIONAL_RULES) out = out.replace(pattern, replacement);
  return pyCollapseSpaces(out);
}

/**
 * The code-point ranges sacreBLEU's `tokenizer_zh._UCODE_RANGES` treats as Chinese, as its
 * comparisons actually evaluate. Two entries there are written `u'\u20000'` and `u'\u2f800'`,
 * which Python reads as two-character strings (U+2000 '0', U+2F80 '0'), so those ranges compare
 * as U+2001–U+2A6D (general punctuation such as “ ” — … and € included) and U+2F81–U+2FA1, and
 * the supplementary-plane ideographs they meant are not split. Kept, to give sacreBLEU's numbers.
 */
const ZH_RANGES: readonly [number, number][] = [
  [0x3400, 0x4db5], [0x4e00, 0x9fa5], [0x9fa6, 0x9fbb], [0xf900, 0xfa2d], [0xfa30, 0xfa6a],
  [0xfa70, 0xfad9], [0x2001, 0x2a6d], [0x2f81, 0x2fa1], [0xff00, 0xffef], [0x2e80, 0x2eff],
  [0x3000, 0x303f], [0x31c0, 0x31ef], [0x2f00, 0x2fdf], [0x2ff0, 0x2fff], [0x3100, 0x312f],
  [0x31a0, 0x31bf], [0xfe10, 0xfe1f], [0xfe30, 0xfe4f], [0x2600, 0x26ff], [0x2700, 0x27bf],
  [0x3200, 0x32ff], [0x3300, 0x33ff],
];

/** True when sacreBLEU's `zh` tokenizer splits this code point out as a Chinese character. */
export function isZhTokenizerChar(codePoint: number): boolean {
  for (const [start, end] of ZH_RANGES) if (codePoint >= start && codePoint <= end) return true;
  return false;
}

/** sacreBLEU `TokenizerZh`: each Chinese character its own token, the rest by the mteval regexps. */
export function tokenizeZh(line: string): string {
  let spaced = '';
  for (const char of pyStrip(line)) spaced += isZhTokenizerChar(char.codePointAt(0)!) ? ` ${char} ` : char;
  return mtevalRegexps(spaced);
}

/** sacreBLEU `TokenizerChar`: every character a token. */
export function tokenizeChar(line: string): string {
  return codePoints(line).join(' ');
}

/** The tokenizer function for a sacreBLEU tokenizer name. */
export function bleuTokenizer(name: BleuTokenizer): (line: string) => string {
  switch (name) {
    case '13a':
      return tokenize13a;
    case 'intl':
      return tokenizeIntl;
    case 'zh':
      return tokenizeZh;
    case 'char':
      return tokenizeChar;
    case 'none':
      return (line) => line;
  }
}
