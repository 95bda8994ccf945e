import type { Clock, Completion, CompletionRequest, Provider } from '../ports/index.ts';
import { responseCacheKey } from './cache-key.ts';
import type { CachedResponse, ResponseCache } from './fs-response-cache.ts';

/** Options of {@link withResponseCache}. */
export interface CachingProviderOptions {
  readonly cache: ResponseCache;
  /** The candidate's provider id and its recorded params: with each request they make the key. */
  readonly provider: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly clock: Clock;
}

/**
 * Wraps a model's provider with a content-addressed response cache. A hit answers without a
 * call (`attempts: 0`) and carries `cached`, so the engine marks the record, leaves it out of
 * latency and throughput, and prices it at 0. Failures are never stored: a failed item is asked
 * again next run.
 */
export function withResponseCache(inner: Provider, options: CachingProviderOptions): Provider {
  return {
    id: inner.id,
    close: inner.close?.bind(inner),
    ...(inner.countTokens && { countTokens: inner.countTokens }),
    async complete(request: CompletionRequest): Promise<Completion> {
      const key = responseCacheKey({
        provider: options.provider,
        params: options.params,
        messages: request.messages,
        repeat: request.repeat,
        seed: request.seed,
        ...(request.continuations !== undefined && { continuations: request.continuations }),
      });
      const hit = await options.cache.get(key);
      if (hit !== null) {
        return {
          text: hit.text,
          latencyMs: 0,
          ttftMs: null,
          usage: hit.usage,
          attempts: 0,
          meta: hit.meta,
          ...(hit.optionLogLikelihoods !== undefined && { optionLogLikelihoods: hit.optionLogLikelihoods }),
          ...(hit.reasoning !== undefined && { reasoning: hit.reasoning }),
          ...(hit.reasoningTokens !== undefined && { reasoningTokens: hit.reasoningTokens }),
          ...(hit.logprobs !== undefined && { logprobs: hit.logprobs }),
          // Reasoning the server sent no count for is counted as it was live: with the model's tokenizer.
          ...(inner.countTokens !== undefined && { countTokens: inner.countTokens }),
          cached: { key, storedAt: hit.storedAt, latencyMs: hit.latencyMs, ttftMs: hit.ttftMs },
        };
      }
      const completion = await inner.complete(request);
      await options.cache.put(key, {
        schemaVersion: 1,
        text: completion.text,
        usage: completion.usage,
        latencyMs: completion.latencyMs,
        ttftMs: completion.ttftMs,
        ...(completion.meta !== undefined && { meta: { ...completion.meta } }),
        ...(completion.optionLogLikelihoods !== undefined && { optionLogLikelihoods: [...completion.optionLogLikelihoods] }),
        ...(completion.reasoning !== undefined && { reasoning: completion.reasoning }),
        ...(completion.reasoningTokens !== undefined && { reasoningTokens: { ...completion.reasoningTokens } }),
        ...(completion.logprobs !== undefined && { logprobs: structuredClone(completion.logprobs) as CachedResponse['logprobs'] }),
        storedAt: options.clock.isoNow(),
      });
      return completion;
    },
  };
}
