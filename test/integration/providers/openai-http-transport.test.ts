/**
 * The lean `transport: http` must behave exactly like the SDK path, so it runs the very same
 * suites: answers, streaming, usage, retries, Retry-After, timeouts and every fault.
 */
import { testTransport } from './openai-helpers.ts';

testTransport.value = 'http';
await import('./openai-provider.test.ts');
await import('./openai-retries.test.ts');
await import('./openai-untrusted-output.test.ts');

const { describe, expect, it } = await import('vitest');
const { startOpenAIServer } = await import('../../fixtures/openai-server.ts');
const { ask, createTestProvider } = await import('./openai-helpers.ts');

describe('transport: http', () => {
  it('really bypasses the SDK (its requests carry our user agent, not the SDK headers)', async () => {
    const server = await startOpenAIServer();
    try {
      await (await createTestProvider(server)).complete(ask('who sent this?'));
      const headers = server.requests[0]!.headers;
      expect(headers['user-agent']).toBe('verdict');
      expect(headers['x-stainless-lang']).toBeUndefined();
    } finally {
      await server.close();
    }
  });
});
