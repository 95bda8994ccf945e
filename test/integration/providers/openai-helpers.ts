import type { CompletionFailure } from '../../../lib/errors/index.ts';
import type { CompletionRequest, Provider } from '../../../lib/ports/index.ts';
import { openaiProvider, systemClock } from '../../../lib/providers/index.ts';
import type { ChatMessage } from '../../../lib/results/index.ts';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startOpenAIServer, type OpenAIServer } from '../../fixtures/openai-server.ts';

/** A fake key: tests assert it reaches the server and never an error message. */
export const SECRET = 'sk-test-SECRET123';
export const KEY_ENV = 'VERDICT_TEST_OPENAI_KEY';

export interface TestProviderOptions {
  readonly retries?: number;
  readonly timeoutMs?: number;
  readonly env?: Record<string, string | undefined>;
  readonly params?: Record<string, unknown>;
}

/** The transport every provider made by {@link createTestProvider} uses; the http-transport suite sets it. */
export const testTransport: { value?: 'sdk' | 'http' } = {};

/** An `openai` provider pointed at the fake server, with tiny back-offs so retries are quick. */
export async function createTestProvider(server: OpenAIServer, options: TestProviderOptions = {}): Promise<Provider> {
  const params = openaiProvider.params.parse({
    model: 'fake-model',
    baseURL: server.url,
    apiKeyEnv: KEY_ENV,
    backoff: { baseMs: 5, capMs: 20 },
    ...(testTransport.value !== undefined && { transport: testTransport.value }),
    ...options.params,
  });
  return openaiProvider.create(params, {
    id: 'fake',
    baseDir: process.cwd(),
    env: options.env ?? { [KEY_ENV]: SECRET },
    clock: systemClock,
    timeoutMs: options.timeoutMs ?? 5_000,
    retries: options.retries ?? 2,
  });
}

/** A one-turn request asking `question`. */
export function ask(question: string, extra: Partial<CompletionRequest> = {}): CompletionRequest {
  const messages: ChatMessage[] = [
    { role: 'system', content: 'Answer briefly.' },
    { role: 'user', content: question },
  ];
  return {
    sample: { id: `s-${question}`, data: { question }, source: { file: 'inline', line: 1 } },
    messages,
    repeat: 0,
    seed: 1,
    ...extra,
  };
}

/** The rejection of `promise`, failing the test when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & Partial<CompletionFailure>> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Partial<CompletionFailure>;
  }
  throw new Error('expected the promise to reject');
}

/**
 * One fake server for a test file: started before its tests, reset (script and request log)
 * before each, closed after. Read `.current` inside tests.
 */
export function useOpenAIServer(): { readonly current: OpenAIServer } {
  const holder = {} as { current: OpenAIServer };
  beforeAll(async () => {
    holder.current = await startOpenAIServer();
  });
  afterAll(async () => {
    await holder.current.close();
  });
  beforeEach(() => {
    holder.current.setScript({});
    holder.current.clearRequests();
  });
  return holder;
}
