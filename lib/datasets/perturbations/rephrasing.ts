import type { Rng } from '../../stats/index.ts';
import { escapeRegExp } from '../../template/index.ts';

/** Expanded form → contraction, written by the team (the standard negations and pronoun + verb forms). */
const CONTRACTIONS: readonly (readonly [string, string])[] = [
  ['do not', "don't"], ['does not', "doesn't"], ['did not', "didn't"], ['is not', "isn't"], ['are not', "aren't"],
  ['was not', "wasn't"], ['were not', "weren't"], ['cannot', "can't"], ['could not', "couldn't"], ['would not', "wouldn't"],
  ['should not', "shouldn't"], ['will not', "won't"], ['have not', "haven't"], ['has not', "hasn't"], ['had not', "hadn't"],
  ['must not', "mustn't"], ['it is', "it's"], ['that is', "that's"], ['what is', "what's"], ['who is', "who's"],
  ['where is', "where's"], ['there is', "there's"], ['I am', "I'm"], ['you are', "you're"], ['we are', "we're"],
  ['they are', "they're"], ['I have', "I've"], ['I will', "I'll"], ['let us', "let's"],
];

const TO_CONTRACTION = new RegExp(`\\b(${CONTRACTIONS.map(([long]) => escapeRegExp(long).replace(' ', '\\s+')).join('|')})\\b`, 'gi');
const TO_EXPANSION = new RegExp(`\\b(${CONTRACTIONS.map(([, short]) => escapeRegExp(short).replace("'", "['’]")).join('|')})(?![\\w'])`, 'gi');

/** "do not" → "don't" (`contract`) or back (`expand`), keeping the first letter's case. */
export function changeContractions(text: string, mode: 'contract' | 'expand'): string {
  if (mode === 'contract') {
    return text.replace(TO_CONTRACTION, (found) => keepCase(found, CONTRACTIONS.find(([long]) => long.toLowerCase() === found.toLowerCase().replace(/\s+/g, ' '))![1]));
  }
  return text.replace(TO_EXPANSION, (found) => keepCase(found, CONTRACTIONS.find(([, short]) => short.toLowerCase() === found.toLowerCase().replace('’', "'"))![0]));
}

function keepCase(found: string, replacement: string): string {
  if (replacement.startsWith('I ') || replacement.startsWith("I'")) return replacement;
  const first = found.charAt(0);
  return first === first.toUpperCase() && first !== first.toLowerCase() ? replacement.charAt(0).toUpperCase() + replacement.slice(1) : replacement;
}

/** Framings that restate a question without changing a word of it (no synonyms), per language. */
const TEMPLATES = {
  en: ['Question: {text}', 'Here is a question. {text}', 'Please answer the following. {text}', 'I have a question for you: {text}', '{text} Please answer.'],
  zh: ['问题：{text}', '请回答下面的问题。{text}', '我有一个问题：{text}', '{text} 请作答。'],
} as const;

/** The text inside one of the team's templates, picked by seed; Chinese text gets a Chinese template. */
export function paraphraseWithTemplate(text: string, rng: Rng): { text: string; template: string } {
  const templates = /\p{Script=Han}/u.test(text) ? TEMPLATES.zh : TEMPLATES.en;
  const template = templates[rng.nextInt(templates.length)]!;
  return { text: template.replace('{text}', () => text), template };
}
