import { createHash } from 'node:crypto';
import { canonicalJson } from '../engine/index.ts';
import type { ChatMessage } from '../results/index.ts';

/** Bumped when the key's inputs change meaning, so old entries are never misread. */
const KEY_VERSION = 1;

/** Candidate params that change how a call is made, not what is asked: left out of the key. */
const NOT_PART_OF_REQUEST = new Set(['label', 'backoff', 'transport']);

/** Everything that decides a model's answer to one work item. */
export interface CacheKeyInputs {
  readonly provider: string;
  /** The candidate's provider params as the manifest records them (model, endpoint, params, stream...; no secrets). */
  readonly params: Readonly<Record<string, unknown>>;
  readonly messages: readonly ChatMessage[];
  /**
   * The repeat index and the item seed: part of the key so that `repeats: 3` asks three times
   * instead of replaying one answer three times (collapsing repeats would fake agreement).
   */
  readonly repeat: number;
  readonly seed: number;
  /** Texts scored instead of generated (MC2); absent for ordinary requests, whose keys it leaves unchanged. */
  readonly continuations?: readonly string[];
}

/**
 * The content address of one request: SHA-256 of a canonical JSON (keys sorted at every depth)
 * of the provider, every request param, the messages, the repeat index and the seed.
 *
 * @example
 * responseCacheKey({ provider: 'openai', params: { model: 'm', params: { temperature: 0 } }, messages, repeat: 0, seed: 7 })
 */
export function responseCacheKey(inputs: CacheKeyInputs): string {
  const params = Object.fromEntries(Object.entries(inputs.params).filter(([key]) => !NOT_PART_OF_REQUEST.has(key)));
  const canonical = canonicalJson({
    v: KEY_VERSION,
    provider: inputs.provider,
    params,
    messages: inputs.messages,
    repeat: inputs.repeat,
    seed: inputs.seed,
    ...(inputs.continuations !== undefined && { continuations: inputs.continuations }),
  });
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * Where an entry lives under a cache's root (a folder or an S3 prefix): `<first two hex digits>/<key>.json`,
 * so no folder grows past a few thousand entries and both stores lay entries out alike.
 */
export function cacheEntryPath(key: string): string {
  return `${key.slice(0, 2)}/${key}.json`;
}

/** Whether a path relative to a cache's root is one of its entries: stats and clear touch nothing else. */
export function isCacheEntryPath(relative: string): boolean {
  return /^([0-9a-f]{2})\/\1[0-9a-f]{62}\.json$/.test(relative);
}

/**
 * The prefix the stack gives its workers' shared cache in the results bucket (VERDICT_CACHE_PREFIX
 * in lib/infra/verdict-stack.ts), where `verdict cache stats|clear --cloud` looks.
 */
export const STACK_CACHE_PREFIX = 'response-cache/';
