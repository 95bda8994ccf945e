import { resolve } from 'node:path';
import { applyResponseCache, FsResponseCache, type CacheMode, type DescribedCandidate, type ResponseCache } from '../cache/index.ts';
import type { Clock } from '../engine/ports.ts';
import type { CandidateRuntime } from '../engine/run-shard.ts';
import type { EvalSpec } from '../spec/index.ts';
import { describeCandidates, type PreparedRun } from './prepare-run.ts';

/** The folder a local run caches answers in unless told otherwise (relative to the working directory). */
export const DEFAULT_CACHE_DIR = '.verdict-cache';

/** The response cache a run uses, and for which requests. */
export interface RunCache {
  readonly store: ResponseCache;
  readonly mode: CacheMode;
}

/**
 * The cache a local run uses from the spec's `cache:` and the CLI's `--no-cache` / `--cache-dir`:
 * undefined when off. A spec's `dir` is relative to the spec file; `--cache-dir` to the working directory.
 */
export function resolveRunCache(options: {
  readonly spec: EvalSpec['cache'];
  readonly baseDir: string;
  readonly enabled?: boolean;
  readonly dir?: string;
}): RunCache | undefined {
  const spec = typeof options.spec === 'boolean' ? { mode: options.spec ? ('on' as const) : ('off' as const) } : (options.spec ?? { mode: 'auto' as const });
  if (options.enabled === false || spec.mode === 'off') return undefined;
  const dir = options.dir !== undefined ? resolve(options.dir) : spec.dir !== undefined ? resolve(options.baseDir, spec.dir) : resolve(DEFAULT_CACHE_DIR);
  return { store: new FsResponseCache(dir), mode: spec.mode };
}

/** The run's candidates with the cache in front of those it covers; unchanged without a cache. */
export function cachedCandidates(
  candidates: Map<string, CandidateRuntime>,
  prepared: PreparedRun,
  cache: RunCache | undefined,
  clock: Clock,
): Map<string, CandidateRuntime> {
  if (cache === undefined) return candidates;
  const described = describeCandidates(prepared.candidates) as unknown as DescribedCandidate[];
  return applyResponseCache(candidates, described, { cache: cache.store, mode: cache.mode, clock });
}
