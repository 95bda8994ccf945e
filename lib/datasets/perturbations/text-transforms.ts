import type { Rng } from '../../stats/index.ts';

/**
 * QWERTY neighbours of each letter (the keys that touch it on the same row or the rows above and
 * below), the usual model of a slip of the finger (as HELM's `TyposPerturbation` and NL-Augmenter's
 * butter-finger perturbation).
 */
const KEYBOARD_NEIGHBOURS: Readonly<Record<string, string>> = {
  q: 'wa', w: 'qeasd', e: 'wrsdf', r: 'etdfg', t: 'ryfgh', y: 'tughj', u: 'yihjk', i: 'uojkl', o: 'ipkl', p: 'ol',
  a: 'qwsz', s: 'qweadzx', d: 'wersfxc', f: 'ertdgcv', g: 'rtyfhvb', h: 'tyugjbn', j: 'yuihknm', k: 'uiojlm', l: 'iopk',
  z: 'asx', x: 'zsdc', c: 'xdfv', v: 'cfgb', b: 'vghn', n: 'bhjm', m: 'njk',
};

/** Each ASCII letter becomes one of its keyboard neighbours with probability `rate` (case kept). */
export function keyboardTypos(text: string, rng: Rng, rate: number): string {
  let out = '';
  for (const char of text) {
    const lower = char.toLowerCase();
    const neighbours = /^[a-z]$/.test(lower) ? KEYBOARD_NEIGHBOURS[lower] : undefined;
    if (neighbours === undefined || rng.nextFloat() >= rate) {
      out += char;
      continue;
    }
    const typo = neighbours[rng.nextInt(neighbours.length)]!;
    out += char === lower ? typo : typo.toUpperCase();
  }
  return out;
}

/** Letter case changed as `mode` says; `random` flips each cased letter with probability ½. */
export function changeCase(text: string, rng: Rng, mode: 'lower' | 'upper' | 'title' | 'random'): string {
  switch (mode) {
    case 'lower':
      return text.toLowerCase();
    case 'upper':
      return text.toUpperCase();
    case 'title':
      return text.toLowerCase().replace(/(^|[^\p{L}\p{N}'’])(\p{L})/gu, (_, before: string, letter: string) => before + letter.toUpperCase());
    case 'random':
      return [...text].map((char) => (rng.nextFloat() < 0.5 ? flipCase(char) : char)).join('');
  }
}

function flipCase(char: string): string {
  const upper = char.toUpperCase();
  return char === upper ? char.toLowerCase() : upper;
}

const SPACE_REPLACEMENTS = ['  ', '   ', '    ', '\t', '\n'] as const;

/** Each space becomes 2–4 spaces, a tab or a newline with probability `rate`; nothing but whitespace changes. */
export function jitterWhitespace(text: string, rng: Rng, rate: number): string {
  return text.replace(/ /g, () => (rng.nextFloat() < rate ? SPACE_REPLACEMENTS[rng.nextInt(SPACE_REPLACEMENTS.length)]! : ' '));
}

/** ASCII and CJK punctuation removed (Unicode P* categories); symbols such as + − × and digits stay. */
export function stripPunctuation(text: string): string {
  return text.replace(/\p{P}/gu, '');
}

/** Full-width forms: ASCII `!`..`~` → U+FF01..U+FF5E, space → ideographic space U+3000; `half` reverses it. */
export function changeWidth(text: string, to: 'full' | 'half'): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (to === 'full') out += code >= 0x21 && code <= 0x7e ? String.fromCodePoint(code + 0xfee0) : code === 0x20 ? '\u3000' : char;
    else out += code >= 0xff01 && code <= 0xff5e ? String.fromCodePoint(code - 0xfee0) : code === 0x3000 ? ' ' : char;
  }
  return out;
}
