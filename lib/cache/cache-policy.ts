import type { CandidateRuntime } from '../engine/index.ts';
import type { Clock } from '../ports/index.ts';
import { withResponseCache } from './caching-provider.ts';
import type { ResponseCache } from './fs-response-cache.ts';

/**
 * `auto` (the default): cache only requests at `temperature: 0`, whose answer is meant to be
 * reproducible; `on`: every model request (each repeat and seed still has its own entry);
 * `off`: none.
 */
export const CACHE_MODES = ['auto', 'on', 'off'] as const;
export type CacheMode = (typeof CACHE_MODES)[number];

/** A candidate as the manifest records it (provider params without secrets). */
export interface DescribedCandidate {
  readonly id: string;
  readonly provider: string;
  readonly kind: 'model' | 'replay' | 'control';
  readonly params: Readonly<Record<string, unknown>>;
}

/** Whether a candidate's answers are cached: models only (replays and controls make no calls). */
export function cachesCandidate(mode: CacheMode, candidate: Pick<DescribedCandidate, 'kind' | 'params'>): boolean {
  if (candidate.kind !== 'model' || mode === 'off') return false;
  if (mode === 'on') return true;
  const requestParams = candidate.params.params;
  return typeof requestParams === 'object' && requestParams !== null && (requestParams as Record<string, unknown>).temperature === 0;
}

/**
 * The candidates with a response cache in front of each one the mode selects; the others are
 * returned as they are. `described` is the manifest's view of the candidates (params without secrets).
 */
export function applyResponseCache(
  candidates: ReadonlyMap<string, CandidateRuntime>,
  described: readonly DescribedCandidate[],
  options: { readonly cache: ResponseCache; readonly mode: CacheMode; readonly clock: Clock },
): Map<string, CandidateRuntime> {
  const wrapped = new Map(candidates);
  for (const candidate of described) {
    const runtime = candidates.get(candidate.id);
    if (runtime === undefined || !cachesCandidate(options.mode, candidate)) continue;
    const provider = withResponseCache(runtime.provider, { cache: options.cache, provider: candidate.provider, params: candidate.params, clock: options.clock });
    wrapped.set(candidate.id, { ...runtime, provider });
  }
  return wrapped;
}
