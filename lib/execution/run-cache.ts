import { resolve } from 'node:path';
import { applyResponseCache, FsResponseCache, type CacheMode, type ResponseCache } from '../cache/index.ts';
import type { Clock } from '../ports/index.ts';
import type { CandidateRuntime } from '../engine/index.ts';
import type { RunCacheSettings } from '../results/index.ts';
import type { PreparedRun } from '../run/index.ts';

/** The folder a local run caches answers in unless told otherwise (relative to the working directory). */
export const DEFAULT_CACHE_DIR = '.verdict-cache';

/** The response cache a run uses, and for which requests. */
export interface RunCache {
  readonly store: ResponseCache;
  readonly mode: CacheMode;
}

/**
 * The cache a local run uses, from the run description's `cache` (the spec's `cache:` with the
 * CLI's `--no-cache` / `--cache-dir` applied): undefined when off. A spec's `dir` is relative to
 * the spec file; `--cache-dir` to the working directory.
 */
export function resolveRunCache(settings: RunCacheSettings, baseDir: string): RunCache | undefined {
  if (settings.mode === 'off') return undefined;
  const dir =
    settings.overrides.dir !== undefined ? resolve(settings.overrides.dir) : settings.dir !== undefined ? resolve(baseDir, settings.dir) : resolve(DEFAULT_CACHE_DIR);
  return { store: new FsResponseCache(dir), mode: settings.mode };
}

/**
 * The cache of a cloud worker: the stack's shared S3 prefix, in the mode the run description
 * records (the spec's `cache:` with `--no-cache` applied; its `dir` is a local folder and means
 * nothing there); undefined when off or not deployed. A manifest written before the cache
 * settings were recorded has the spec's default, `auto`.
 */
export function workerRunCache(settings: RunCacheSettings | undefined, store: ResponseCache | undefined): RunCache | undefined {
  const mode = settings?.mode ?? 'auto';
  return store === undefined || mode === 'off' ? undefined : { store, mode };
}

/** The run's candidates with the cache in front of those it covers; unchanged without a cache. */
export function cachedCandidates(
  candidates: Map<string, CandidateRuntime>,
  prepared: PreparedRun,
  cache: RunCache | undefined,
  clock: Clock,
): Map<string, CandidateRuntime> {
  if (cache === undefined) return candidates;
  return applyResponseCache(candidates, prepared.run.candidates, { cache: cache.store, mode: cache.mode, clock });
}
