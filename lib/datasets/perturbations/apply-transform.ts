import { createRng } from '../../stats/index.ts';
import type { PerturbationTransform } from '../perturbation-spec.ts';
import { changeContractions, paraphraseWithTemplate } from './rephrasing.ts';
import { changeCase, changeWidth, jitterWhitespace, keyboardTypos, stripPunctuation } from './text-transforms.ts';

/** A converter between Chinese scripts (opencc-js), loaded only when a spec asks for one. */
export type ScriptConverter = (text: string) => string;

/** What a transform needs besides the text: its seed and, for `chinese-script`, the converter. */
export interface TransformContext {
  readonly seed: number;
  readonly convertScript?: ScriptConverter;
}

/** One transform applied to one text; `template` names the paraphrase template used. */
export function applyTransform(text: string, transform: PerturbationTransform, context: TransformContext): { text: string; template?: string } {
  const rng = createRng(context.seed);
  switch (transform.type) {
    case 'typo':
      return { text: keyboardTypos(text, rng, transform.rate) };
    case 'case':
      return { text: changeCase(text, rng, transform.mode) };
    case 'whitespace':
      return { text: jitterWhitespace(text, rng, transform.rate) };
    case 'punctuation':
      return { text: stripPunctuation(text) };
    case 'contractions':
      return { text: changeContractions(text, transform.mode) };
    case 'paraphrase':
      return paraphraseWithTemplate(text, rng);
    case 'width':
      return { text: changeWidth(text, transform.to) };
    case 'chinese-script':
      return { text: context.convertScript!(text) };
  }
}

/**
 * The OpenCC converter a `chinese-script` transform uses (opencc-js, the OpenCC dictionaries):
 * simplified (`cn`) → traditional (`t`, OpenCC's standard forms) or the reverse.
 */
export async function loadScriptConverter(to: 'traditional' | 'simplified'): Promise<ScriptConverter> {
  const OpenCC = await import('opencc-js');
  return to === 'traditional' ? OpenCC.Converter({ from: 'cn', to: 't' }) : OpenCC.Converter({ from: 't', to: 'cn' });
}
