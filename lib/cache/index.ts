/**
 * The response cache: content-addressed answers that let an unchanged re-run skip the models
 * without ever collapsing repeats. Import from here only.
 */
export { responseCacheKey, STACK_CACHE_PREFIX, type CacheKeyInputs } from './cache-key.ts';
export { S3ResponseCache, type S3ResponseCacheOptions } from './s3-response-cache.ts';
export { FsResponseCache, CachedResponseSchema, type CachedResponse, type CacheStats, type ResponseCache } from './fs-response-cache.ts';
export { withResponseCache, type CachingProviderOptions } from './caching-provider.ts';
export { applyResponseCache, cacheModeOf, cachesCandidate, CACHE_MODES, type CacheMode, type DescribedCandidate } from './cache-policy.ts';
