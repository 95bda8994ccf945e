import { describe, expect, it } from 'vitest';
import { CompletionFailure } from '../../../lib/errors/index.ts';
import { failFirst, startOpenAIServer } from '../../fixtures/openai-server.ts';
import { ask, createTestProvider, rejectionOf, SECRET, useOpenAIServer } from './openai-helpers.ts';

const served = useOpenAIServer();

describe('openai provider retries', () => {
  it('waits for Retry-After after a 429, then succeeds on the second attempt', async () => {
    served.current.setScript({ fault: failFirst(1, { kind: 'status', status: 429, retryAfter: 1 }) });
    const provider = await createTestProvider(served.current);
    const startMs = performance.now();

    const completion = await provider.complete(ask('rate limited'));

    expect(performance.now() - startMs).toBeGreaterThanOrEqual(950);
    expect(completion.text).toBe('echo: rate limited');
    expect(completion.attempts).toBe(2);
    expect(completion.meta?.totalMs).toBeGreaterThanOrEqual(950);
    expect(completion.latencyMs).toBeLessThan(500);
  });

  it('retries a 500 and a 503, then succeeds', async () => {
    served.current.setScript({
      fault: (info) => (info.attempt === 1 ? { kind: 'status', status: 500 } : info.attempt === 2 ? { kind: 'status', status: 503 } : undefined),
    });
    const provider = await createTestProvider(served.current);
    const completion = await provider.complete(ask('flaky'));
    expect(completion.attempts).toBe(3);
    expect(served.current.requests).toHaveLength(3);
  });

  it('retries a dropped connection', async () => {
    served.current.setScript({ fault: failFirst(1, { kind: 'drop' }) });
    const provider = await createTestProvider(served.current);
    const completion = await provider.complete(ask('dropped'));
    expect(completion.text).toBe('echo: dropped');
    expect(completion.attempts).toBe(2);
  });

  it('fails a dropped connection with PROVIDER_CONNECTION once retries run out', async () => {
    served.current.setScript({ fault: () => ({ kind: 'drop' }) });
    const provider = await createTestProvider(served.current, { retries: 1 });
    const error = await rejectionOf(provider.complete(ask('always dropped')));
    expect(error).toBeInstanceOf(CompletionFailure);
    expect(error).toMatchObject({ code: 'PROVIDER_CONNECTION', attempts: 2 });
    expect(error.message).not.toContain(SECRET);
  });

  it('fails with PROVIDER_CONNECTION when nothing listens', async () => {
    const gone = await startOpenAIServer();
    await gone.close();
    const provider = await createTestProvider(gone, { retries: 1 });
    const error = await rejectionOf(provider.complete(ask('anyone?')));
    expect(error).toMatchObject({ code: 'PROVIDER_CONNECTION', attempts: 2 });
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('fails a request that hangs past the timeout with PROVIDER_TIMEOUT after its retries', async () => {
    served.current.setScript({ fault: () => ({ kind: 'hang' }) });
    const provider = await createTestProvider(served.current, { timeoutMs: 300, retries: 1 });
    const startMs = performance.now();

    const error = await rejectionOf(provider.complete(ask('hang')));

    expect(error).toMatchObject({ code: 'PROVIDER_TIMEOUT', attempts: 2 });
    expect(error.message).toContain('300 ms');
    expect(performance.now() - startMs).toBeGreaterThanOrEqual(2 * 300 - 20);
    expect(served.current.requests).toHaveLength(2);
  });

  it('honours retry-after-ms over its own back-off', async () => {
    served.current.setScript({ fault: failFirst(1, { kind: 'status', status: 503, retryAfterMs: 120 }) });
    const provider = await createTestProvider(served.current);
    const startMs = performance.now();
    const completion = await provider.complete(ask('slow down'));
    expect(performance.now() - startMs).toBeGreaterThanOrEqual(110);
    expect(completion.attempts).toBe(2);
  });
});
