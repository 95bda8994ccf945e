/**
 * Reasoning the server sent no token count for is counted with the candidate's local tokenizer:
 * the reasoning field, else the `<think>` blocks alone (text a `strip` marker cut is not counted).
 * Real answers of the local OpenAI-compatible server without a usage block, read by the engine's
 * answer reader as a run reads them.
 */
import { describe, expect, it } from 'vitest';
import { createAnswerReader } from '../../../lib/engine/index.ts';
import { tokenCounterFor } from '../../../lib/providers/token-count.ts';
import { ReasoningSpecSchema } from '../../../lib/spec/answer-spec.ts';
import { ask, createTestProvider, useOpenAIServer } from './openai-helpers.ts';

const served = useOpenAIServer();

/** What the model's tokenizer counts in `text` (o200k_base for an unknown model name). */
async function tokensOf(text: string): Promise<number> {
  return (await tokenCounterFor('fake-model', 'auto')!).count([], text).outputTokens;
}

async function readAnswer(script: { answer: string; reasoning?: string }, reasoning: Record<string, unknown> = {}, params: Record<string, unknown> = {}) {
  served.current.setScript({ answer: () => script.answer, reasoning: script.reasoning, omitUsage: true });
  const completion = await (await createTestProvider(served.current, { params })).complete(ask('Capital of France?'));
  return createAnswerReader({ reasoning: ReasoningSpecSchema.parse(reasoning) }).read(completion);
}

describe.each(['sdk', 'http'] as const)('reasoning tokens without a server count (transport %s)', (transport) => {
  const params = { transport };

  it('leaves the count to the reader: the completion carries the tokenizer, not a count', async () => {
    served.current.setScript({ answer: () => '<think>Lyon? No.</think>Paris', omitUsage: true });
    const completion = await (await createTestProvider(served.current, { params })).complete(ask('Capital of France?'));
    expect(completion.reasoningTokens).toBeUndefined();
    expect(await completion.countTokens!('Lyon? No.')).toBe(await tokensOf('Lyon? No.'));
  });

  it('counts the reasoning field', async () => {
    const field = 'France is in Europe; its capital is Paris.';
    const read = await readAnswer({ answer: 'Paris', reasoning: field }, {}, params);
    expect(read.reasoning).toEqual({ text: field, source: 'field', tokens: await tokensOf(field), tokensSource: 'tokenizer' });
    expect(read.reasoning!.tokens).toBe(10);
  });

  it('counts a think block of the content', async () => {
    const read = await readAnswer({ answer: '<think>Lyon is big, but the capital is Paris.</think>\nParis' }, {}, params);
    expect(read).toMatchObject({ answer: 'Paris', reasoning: { text: 'Lyon is big, but the capital is Paris.', source: 'think', tokens: await tokensOf('Lyon is big, but the capital is Paris.'), tokensSource: 'tokenizer' } });
  });

  it('counts only the think blocks when strip cuts more reasoning after them', async () => {
    const read = await readAnswer({ answer: '<think>Lyon? No.</think>So, France. Final answer: Paris' }, { strip: 'final answer:' }, params);
    expect(read).toMatchObject({ answer: 'Paris', reasoning: { text: 'Lyon? No.\n\nSo, France. Final answer:', source: 'think', tokens: await tokensOf('Lyon? No.'), tokensSource: 'tokenizer' } });
  });

  it('leaves what strip alone cut uncounted', async () => {
    const read = await readAnswer({ answer: 'So, France. Final answer: Paris' }, { strip: 'final answer:' }, params);
    expect(read.reasoning).toEqual({ text: 'So, France. Final answer:', source: 'strip', tokens: null });
  });

  it('counts nothing with tokenizer: none', async () => {
    const read = await readAnswer({ answer: '<think>Lyon? No.</think>Paris', reasoning: 'France' }, {}, { ...params, tokenizer: 'none' });
    expect(read.reasoning).toEqual({ text: 'France\n\nLyon? No.', source: 'field', tokens: null });
  });

  it('counts the field, not think blocks, with think: false', async () => {
    const read = await readAnswer({ answer: '<think>Lyon? No.</think>Paris', reasoning: 'France' }, { think: false }, params);
    expect(read).toMatchObject({ answer: '<think>Lyon? No.</think>Paris', reasoning: { text: 'France', source: 'field', tokens: await tokensOf('France'), tokensSource: 'tokenizer' } });
  });
});
