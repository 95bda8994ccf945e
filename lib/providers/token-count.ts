import type { ChatMessage, Usage } from '../results/index.ts';

/** Which BPE a tokenizer fallback uses; `auto` picks it from the model name. */
export const TOKENIZER_CHOICES = ['auto', 'o200k_base', 'cl100k_base', 'none'] as const;
export type TokenizerChoice = (typeof TOKENIZER_CHOICES)[number];
type Encoding = 'o200k_base' | 'cl100k_base';

/** Counts tokens of chat messages and answers with a local BPE (js-tiktoken; ranks ship in the package, no network). */
export interface TokenCounter {
  readonly encoding: Encoding;
  count(messages: readonly ChatMessage[], output: string): Usage;
}

const loaded = new Map<Encoding, Promise<TokenCounter>>();

/**
 * The counter for a model, or null with `none`. Ranks load once per process, lazily: only an
 * endpoint that omits usage pays for them.
 */
export function tokenCounterFor(model: string, choice: TokenizerChoice): Promise<TokenCounter> | null {
  if (choice === 'none') return null;
  const encoding = choice === 'auto' ? encodingForModel(model) : choice;
  let counter = loaded.get(encoding);
  if (!counter) {
    counter = loadCounter(encoding);
    loaded.set(encoding, counter);
  }
  return counter;
}

/**
 * The encoding a model name implies: js-tiktoken's own table when it knows the model, else
 * `cl100k_base` for the GPT-3.5/GPT-4 family and `o200k_base` for everything newer or unknown
 * (open models have their own tokenizers; any BPE is an approximation for them — the record
 * says `source: 'tokenizer'` so nobody mistakes it for the server's count).
 */
export function encodingForModel(model: string): Encoding {
  if (/^(gpt-3\.5|gpt-4(?!o|\.1|\.5)|text-embedding-(ada|3))/.test(model)) return 'cl100k_base';
  return 'o200k_base';
}

async function loadCounter(encoding: Encoding): Promise<TokenCounter> {
  const { Tiktoken } = await import('js-tiktoken/lite');
  const ranks = encoding === 'o200k_base' ? (await import('js-tiktoken/ranks/o200k_base')).default : (await import('js-tiktoken/ranks/cl100k_base')).default;
  const tokenizer = new Tiktoken(ranks);
  const tokens = (text: string) => tokenizer.encode(text, [], []).length;
  return {
    encoding,
    count(messages, output) {
      // Chat framing, as OpenAI's cookbook "How to count tokens with tiktoken" counts it for
      // current models: 3 tokens per message, plus 3 priming the assistant's reply.
      let input = 3;
      for (const message of messages) input += 3 + tokens(message.role) + tokens(message.content);
      return { inputTokens: input, outputTokens: tokens(output), source: 'tokenizer' };
    },
  };
}
