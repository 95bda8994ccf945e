import { describe, expect, it } from 'vitest';
import { isVerdictError } from '../../../lib/errors/index.ts';
import { openaiProvider, systemClock } from '../../../lib/providers/index.ts';

const SECRET = 'sk-test-SECRET123';

function context(env: Record<string, string | undefined>) {
  return { id: 'gpt', baseDir: '.', env, clock: systemClock, timeoutMs: 1_000, retries: 0 };
}

describe('openai provider params', () => {
  it('fills the defaults and treats an empty baseURL as unset', () => {
    const params = openaiProvider.params.parse({ model: 'gpt-4o-mini', baseURL: '' });
    expect(params).toEqual({ model: 'gpt-4o-mini', baseURL: undefined, apiKeyEnv: 'OPENAI_API_KEY', params: {}, stream: false });
  });

  it('rejects unknown keys', () => {
    expect(openaiProvider.params.safeParse({ model: 'm', temperature: 0 }).success).toBe(false);
  });

  it('fails with MISSING_SECRET naming the variable when no key and no baseURL', async () => {
    const params = openaiProvider.params.parse({ model: 'gpt-4o-mini', apiKeyEnv: 'MY_KEY' });
    const error = await openaiProvider.create(params, context({ MY_KEY: '' })).catch((caught: unknown) => caught);
    expect(isVerdictError(error, 'MISSING_SECRET')).toBe(true);
    expect((error as Error).message).toContain('MY_KEY');
  });

  it('creates a provider when the key is set, without any network call', async () => {
    const params = openaiProvider.params.parse({ model: 'gpt-4o-mini' });
    const provider = await openaiProvider.create(params, context({ OPENAI_API_KEY: SECRET }));
    expect(provider.id).toBe('gpt');
  });

  it('describes params without secrets: no header values, no URL credentials', () => {
    const params = openaiProvider.params.parse({
      model: 'm',
      baseURL: 'https://user:pa55@llm.example.com/v1?api-key=abc',
      headers: { 'api-key': SECRET },
      params: { temperature: 0 },
    });
    const described = openaiProvider.describe!(params);
    expect(described).toMatchObject({ model: 'm', baseURL: 'https://llm.example.com/v1', apiKeyEnv: 'OPENAI_API_KEY', params: { temperature: 0 } });
    expect(JSON.stringify(described)).not.toMatch(/pa55|abc|SECRET/);
  });
});
