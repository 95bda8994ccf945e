/**
 * Untrusted output on either transport (openai-http-transport.test.ts runs this file again with
 * `transport: http`): streams per the SSE spec, cut-short streams, the server's own error events,
 * oversized and degenerate answers, and keys echoed back. Real HTTP to the fake server.
 */
import { describe, expect, it } from 'vitest';
import { ask, createTestProvider, KEY_ENV, rejectionOf, useOpenAIServer } from './openai-helpers.ts';

const served = useOpenAIServer();
const stream = { params: { stream: true } };

describe('streams read per the SSE spec', () => {
  it.each([
    ['CRLF', '\r\n'],
    ['CR', '\r'],
    ['LF', '\n'],
  ] as const)('reads %s-delimited events', async (_name, sseLineEnding) => {
    served.current.setScript({ answer: { q: 'Paris is the capital' }, sseLineEnding });
    const completion = await (await createTestProvider(served.current, stream)).complete(ask('q'));
    expect(completion.text).toBe('Paris is the capital');
    expect(completion.meta).toMatchObject({ finishReason: 'stop' });
    expect(completion.attempts).toBe(1);
  });

  it('does not take a stream that stops without [DONE] or a finish reason for an answer', async () => {
    served.current.setScript({ answer: { q: 'Paris is the capital' }, truncateAfterChunks: 1 });
    const failure = await rejectionOf((await createTestProvider(served.current, { ...stream, retries: 1 })).complete(ask('q')));
    expect(failure.code).toBe('PROVIDER_CONNECTION');
    expect(failure.message).toContain('truncated');
    expect(failure.attempts).toBe(2);
  });

  it("surfaces the server's own message from an SSE error event, without retrying", async () => {
    served.current.setScript({ answer: { q: 'Paris is' }, sseErrorMessage: 'the model is overloaded, try later' });
    const failure = await rejectionOf((await createTestProvider(served.current, { ...stream, retries: 2 })).complete(ask('q')));
    expect(failure.code).toBe('PROVIDER_RESPONSE');
    expect(failure.message).toContain('error event in the stream: the model is overloaded, try later');
    expect(failure.attempts).toBe(1);
  });
});

describe('bounded work on an answer', () => {
  const huge = 'Paris '.repeat(900_000); // 5.4 MB

  it.each([
    ['streamed', true],
    ['in one body', false],
  ])('records a 5 MB answer %s as too large, well within the timeout', async (_how, streamed) => {
    served.current.setScript({ answer: () => huge, omitUsage: true, chunks: 2000 });
    const provider = await createTestProvider(served.current, { params: { stream: streamed }, timeoutMs: 20_000, retries: 0 });
    const started = performance.now();
    const failure = await rejectionOf(provider.complete(ask('q')));
    expect(failure.code).toBe('PROVIDER_OUTPUT_TOO_LARGE');
    expect(failure.message).toContain('longer than the output cap of 1,000,000 characters');
    expect(performance.now() - started).toBeLessThan(20_000);
  });

  it('counts the tokens of a long repetitive answer without usage in linear time, as an estimate', async () => {
    served.current.setScript({ answer: () => 'a'.repeat(400_000), omitUsage: true, chunks: 100 });
    const provider = await createTestProvider(served.current, { ...stream, timeoutMs: 20_000 });
    const started = performance.now();
    const completion = await provider.complete(ask('q'));
    // js-tiktoken alone takes minutes on this (its merges are quadratic in a run's length).
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(completion.usage).toMatchObject({ source: 'estimate' });
    expect(completion.usage!.outputTokens).toBeGreaterThan(400_000 / 16);
    expect(completion.usage!.outputTokens).toBeLessThan(400_000 / 2);
  });
});

describe('keys stay out of what is stored', () => {
  const longKey = `sk-proj-${'Ab3x'.repeat(60)}`; // 248 characters, longer than the 200-character error excerpt

  it('removes a long key from an error message before the message is shortened', async () => {
    served.current.setScript({ fault: () => ({ kind: 'status', status: 401, message: `Incorrect API key provided: ${longKey}.` }) });
    const failure = await rejectionOf((await createTestProvider(served.current, { env: { [KEY_ENV]: longKey } })).complete(ask('q')));
    expect(failure.message).toContain('Incorrect API key provided: [redacted]');
    for (let start = 0; start + 16 <= longKey.length; start += 8) expect(failure.message).not.toContain(longKey.slice(start, start + 16));
  });

  it.each([false, true])('removes a key a 200 answer echoes back (stream: %s)', async (streamed) => {
    served.current.setScript({ answer: () => `your key is ${longKey} ok` });
    const completion = await (await createTestProvider(served.current, { env: { [KEY_ENV]: longKey }, params: { stream: streamed } })).complete(ask('q'));
    expect(completion.text).toBe('your key is [redacted] ok');
  });
});
