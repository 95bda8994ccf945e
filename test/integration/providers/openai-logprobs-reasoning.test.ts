/**
 * Log-probabilities and reasoning read from real responses of the local OpenAI-compatible server,
 * streamed and not, through both transports (the official SDK and `transport: http`), then turned
 * into a confidence and a separated answer by the engine's answer reader.
 */
import { describe, expect, it } from 'vitest';
import { createAnswerReader } from '../../../lib/engine/index.ts';
import { CalibrationSpecSchema } from '../../../lib/spec/answer-spec.ts';
import { ask, createTestProvider, useOpenAIServer } from './openai-helpers.ts';

const served = useOpenAIServer();
const reader = createAnswerReader({ calibration: CalibrationSpecSchema.parse({ confidence: 'logprobs' }) });

describe.each([
  { transport: 'sdk', stream: false },
  { transport: 'sdk', stream: true },
  { transport: 'http', stream: false },
  { transport: 'http', stream: true },
] as const)('transport $transport, stream $stream', ({ transport, stream }) => {
  const provider = (params: Record<string, unknown> = {}) =>
    createTestProvider(served.current, { params: { transport, stream, params: { logprobs: true, top_logprobs: 2 }, ...params } });

  it('requests logprobs and reads one per token, with the alternatives', async () => {
    served.current.setScript({ answer: () => 'Paris is the capital', tokenLogprobs: [-0.1, -0.2, -0.3, -0.4] });
    const completion = await (await provider()).complete(ask('Capital of France?'));

    expect(served.current.requests[0]!.body).toMatchObject({ logprobs: true, top_logprobs: 2 });
    expect(completion.text).toBe('Paris is the capital');
    expect(completion.logprobs!.map((token) => [token.token, token.logprob])).toEqual([
      ['Paris ', -0.1],
      ['is ', -0.2],
      ['the ', -0.3],
      ['capital', -0.4],
    ]);
    expect(completion.logprobs![0]!.top).toEqual([
      { token: 'Paris ', logprob: -0.1 },
      { token: 'alt1', logprob: -1.1 },
    ]);
    // Mean token probability: the arithmetic mean of exp(logprob).
    const expected = (Math.exp(-0.1) + Math.exp(-0.2) + Math.exp(-0.3) + Math.exp(-0.4)) / 4;
    const confidence = reader.confidence(completion, await reader.read(completion));
    expect(confidence).toEqual({ value: expect.closeTo(expected, 12), source: 'logprobs', method: 'mean-token-probability', tokens: 4 });
  });

  it('takes the chosen option probability for a multiple-choice answer', async () => {
    served.current.setScript({ answer: () => 'Answer: B', tokenLogprobs: [-2, -0.105] });
    const completion = await (await provider()).complete(ask('Pick one'));
    const confidence = reader.confidence(completion, await reader.read(completion), { letter: 'B', text: 'dog' });
    expect(confidence).toMatchObject({ value: expect.closeTo(Math.exp(-0.105), 12), method: 'option-probability', tokens: 1 });
  });

  it.each(['reasoning_content', 'reasoning'] as const)('keeps reasoning from the %s field apart, with the server reasoning-token count', async (field) => {
    served.current.setScript({ answer: () => 'Paris', reasoning: 'France is in Europe; its capital is Paris.', reasoningField: field });
    const completion = await (await provider({ params: {} })).complete(ask('Capital of France?'));

    expect(completion.text).toBe('Paris');
    expect(completion.reasoning).toBe('France is in Europe; its capital is Paris.');
    expect(completion.reasoningTokens).toEqual({ count: 8, source: 'server' });
    const read = await reader.read(completion);
    expect(read.scored).toBe('Paris');
    expect(read.reasoning).toEqual({ text: 'France is in Europe; its capital is Paris.', source: 'field', tokens: 8, tokensSource: 'server' });
  });

  it('splits a think block out of the content; confidence and token count come from the right tokens', async () => {
    served.current.setScript({ answer: () => '<think>hmm maybe </think> Paris', tokenLogprobs: [-3, -3, -3, -0.2] });
    const completion = await (await provider()).complete(ask('Capital of France?'));
    const read = await reader.read(completion);

    expect(completion.logprobs).toHaveLength(4);
    expect(read).toMatchObject({ answer: 'Paris', scored: 'Paris', reasoning: { text: 'hmm maybe', source: 'think', tokens: 3, tokensSource: 'logprobs' } });
    expect(reader.confidence(completion, read)).toMatchObject({ value: expect.closeTo(Math.exp(-0.2), 12), tokens: 1 });
  });

  it('leaves logprobs out when the request does not ask for them', async () => {
    served.current.setScript({ answer: () => 'Paris' });
    const completion = await (await provider({ params: {} })).complete(ask('Capital of France?'));
    expect(completion.logprobs).toBeUndefined();
    expect(completion.reasoning).toBeUndefined();
  });
});
