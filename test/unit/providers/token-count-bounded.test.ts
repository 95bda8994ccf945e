import { describe, expect, it } from 'vitest';
import { countBounded, MAX_BPE_PIECE_CHARS, MAX_TOKENIZED_CHARS, tokenCounterFor } from '../../../lib/providers/token-count.ts';

/** A stand-in BPE that costs what js-tiktoken costs (quadratic in a run) and counts one token per 4 characters. */
function quadraticEncoder(): { encode: (text: string) => number; work: () => number } {
  let work = 0;
  return {
    encode(text) {
      for (const run of text.match(/(.)\1*/gsu) ?? []) work += run.length * run.length;
      return Math.ceil(text.length / 4);
    },
    work: () => work,
  };
}

describe('token counting bounded in the output length', () => {
  it('is exact (the real tokenizer, unchanged) on ordinary text', async () => {
    const counter = await tokenCounterFor('gpt-4o', 'auto')!;
    const text = 'The capital of France is Paris. '.repeat(200);
    const usage = counter.count([{ role: 'user', content: 'q' }], text);
    expect(usage.source).toBe('tokenizer');
    const { Tiktoken } = await import('js-tiktoken/lite');
    const ranks = (await import('js-tiktoken/ranks/o200k_base')).default;
    expect(usage.outputTokens).toBe(new Tiktoken(ranks).encode(text, [], []).length);
  });

  it('estimates a long run of one character class from its first piece, doing linear work', () => {
    const encoder = quadraticEncoder();
    const text = `answer: ${'a'.repeat(1_000_000 - 8)}`;
    const counted = countBounded(text, encoder.encode);
    expect(counted.exact).toBe(false);
    expect(counted.tokens).toBeGreaterThan(240_000);
    expect(counted.tokens).toBeLessThan(260_000);
    // Only the first piece of the run reaches the BPE: work is bounded by the piece, not the run.
    expect(encoder.work()).toBeLessThan(20 * MAX_BPE_PIECE_CHARS * MAX_BPE_PIECE_CHARS);
  });

  it('estimates ~4 bytes per token beyond the tokenizer cap without tokenizing', () => {
    const encoder = quadraticEncoder();
    const counted = countBounded('ab '.repeat(MAX_TOKENIZED_CHARS), encoder.encode);
    expect(counted).toEqual({ tokens: (3 * MAX_TOKENIZED_CHARS) / 4, exact: false });
    expect(encoder.work()).toBe(0);
  });

  it('marks a real count of a degenerate answer as an estimate, and returns quickly', async () => {
    const counter = await tokenCounterFor('gpt-4o', 'auto')!;
    const started = performance.now();
    const usage = counter.count([{ role: 'user', content: 'q' }], '!'.repeat(300_000));
    expect(usage.source).toBe('estimate');
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
