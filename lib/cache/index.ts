/**
 * The response cache: content-addressed answers that let an unchanged re-run skip the models
 * without ever collapsing repeats. Import from here only.
 */
export { responseCacheKey, STACK_CACHE_PREFIX, type CacheKeyInputs } from './cache-key.ts';
export { S3ResponseCache } from './s3-response-cache.ts';
export { FsResponseCache, type CachedResponse, type CacheStats, type ResponseCache } from './fs-response-cache.ts';
export { applyResponseCache, cachesCandidate, type CacheMode } from './cache-policy.ts';
