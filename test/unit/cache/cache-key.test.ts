import { describe, expect, it } from 'vitest';
import { cachesCandidate, responseCacheKey, type CacheKeyInputs } from '../../../lib/cache/index.ts';

const base: CacheKeyInputs = {
  provider: 'openai',
  params: { model: 'gpt-4o-mini', baseURL: 'http://localhost:8000/v1', params: { temperature: 0, max_tokens: 32 }, stream: false },
  messages: [{ role: 'user', content: 'What is the capital of France?' }],
  repeat: 0,
  seed: 42,
};
const key = (change: Partial<CacheKeyInputs>) => responseCacheKey({ ...base, ...change });

describe('responseCacheKey', () => {
  it('is a stable SHA-256 that ignores key order', () => {
    expect(key({})).toMatch(/^[0-9a-f]{64}$/);
    expect(key({ params: { stream: false, params: { max_tokens: 32, temperature: 0 }, baseURL: 'http://localhost:8000/v1', model: 'gpt-4o-mini' } })).toBe(key({}));
  });

  it('never collapses repeats: the repeat index and the seed are part of the key', () => {
    expect(new Set([key({}), key({ repeat: 1 }), key({ repeat: 2 }), key({ seed: 43 })]).size).toBe(4);
  });

  it('changes with the provider, the model, the endpoint, any request param and the messages', () => {
    const variants = [
      key({ provider: 'bedrock' }),
      key({ params: { ...base.params, model: 'gpt-4o' } }),
      key({ params: { ...base.params, baseURL: 'http://localhost:8001/v1' } }),
      key({ params: { ...base.params, params: { temperature: 0, max_tokens: 33 } } }),
      key({ params: { ...base.params, params: { temperature: 0, max_tokens: 32, top_p: 1 } } }),
      key({ params: { ...base.params, stream: true } }),
      key({ messages: [{ role: 'system', content: 'Be brief.' }, ...base.messages] }),
      key({ messages: [{ role: 'user', content: 'What is the capital of Spain?' }] }),
    ];
    expect(new Set([key({}), ...variants]).size).toBe(variants.length + 1);
  });

  it('ignores what does not change the answer: the label, the back-off, the transport', () => {
    expect(key({ params: { ...base.params, label: 'Mini', backoff: { baseMs: 1, capMs: 2 }, transport: 'http' } })).toBe(key({}));
  });
});

describe('cachesCandidate', () => {
  const model = (params: Record<string, unknown>) => ({ kind: 'model' as const, params: { model: 'm', params } });
  it('auto caches temperature-0 models only; on caches every model; off and non-models never', () => {
    expect(cachesCandidate('auto', model({ temperature: 0 }))).toBe(true);
    expect(cachesCandidate('auto', model({ temperature: 0.7 }))).toBe(false);
    expect(cachesCandidate('auto', model({}))).toBe(false);
    expect(cachesCandidate('on', model({ temperature: 0.7 }))).toBe(true);
    expect(cachesCandidate('off', model({ temperature: 0 }))).toBe(false);
    expect(cachesCandidate('on', { kind: 'control', params: { kind: 'oracle' } })).toBe(false);
  });
});
