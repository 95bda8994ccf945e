import type { ChatMessage, Usage } from '../results/index.ts';
import type { TokenizerChoice } from '../spec/index.ts';

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
  const encode = (text: string) => tokenizer.encode(text, [], []).length;
  return {
    encoding,
    count(messages, output) {
      // Chat framing, as OpenAI's cookbook "How to count tokens with tiktoken" counts it for
      // current models: 3 tokens per message, plus 3 priming the assistant's reply.
      let input = 3;
      let exact = true;
      const tokens = (text: string): number => {
        const counted = countBounded(text, encode);
        exact &&= counted.exact;
        return counted.tokens;
      };
      for (const message of messages) input += 3 + tokens(message.role) + tokens(message.content);
      const outputTokens = tokens(output);
      return { inputTokens: input, outputTokens, source: exact ? 'tokenizer' : 'estimate' };
    },
  };
}

/**
 * Longest run of one character class handed to the BPE. js-tiktoken's merge loop is quadratic in
 * a pre-token's length (4,000 repeated letters take ~3 s), and a model's output is untrusted: a
 * longer run is estimated from its first this-many characters, and the count says `estimate`.
 */
export const MAX_BPE_PIECE_CHARS = 64;
/** Beyond this many characters a text is not tokenized at all: ~4 bytes per token is estimated. */
export const MAX_TOKENIZED_CHARS = 1_000_000;

/** Runs of letters, digits, white space or other symbols: pre-tokens never span two of them. */
const CHARACTER_RUNS = /[\p{L}\p{M}]+|\p{N}+|\s+|[^\s\p{L}\p{M}\p{N}]+/gu;

/**
 * Counts a text's tokens in time linear in its length: exactly when no run of one character
 * class is longer than {@link MAX_BPE_PIECE_CHARS}, else by counting the text between the long
 * runs exactly and scaling each long run's count from its first piece (an estimate).
 */
export function countBounded(text: string, encode: (text: string) => number): { tokens: number; exact: boolean } {
  if (text.length > MAX_TOKENIZED_CHARS) return { tokens: Math.ceil(Buffer.byteLength(text, 'utf8') / 4), exact: false };
  let tokens = 0;
  let exact = true;
  let from = 0;
  for (const match of text.matchAll(CHARACTER_RUNS)) {
    const run = match[0];
    if (run.length <= MAX_BPE_PIECE_CHARS) continue;
    exact = false;
    if (match.index > from) tokens += encode(text.slice(from, match.index));
    tokens += Math.ceil((encode(run.slice(0, MAX_BPE_PIECE_CHARS)) * run.length) / MAX_BPE_PIECE_CHARS);
    from = match.index + run.length;
  }
  if (exact) return { tokens: encode(text), exact };
  if (from < text.length) tokens += encode(text.slice(from));
  return { tokens, exact };
}
