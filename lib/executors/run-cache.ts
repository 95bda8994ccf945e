import { resolve } from 'node:path';
import { applyResponseCache, cacheModeOf, FsResponseCache, type CacheMode, type ResponseCache } from '../cache/index.ts';
import type { Clock } from '../ports/index.ts';
import type { CandidateRuntime } from '../engine/index.ts';
import type { EvalSpec } from '../spec/index.ts';
import type { PreparedRun } from './prepare-run.ts';

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
  const mode = cacheModeOf(options.spec);
  if (options.enabled === false || mode === 'off') return undefined;
  const specDir = typeof options.spec === 'object' ? options.spec.dir : undefined;
  const dir = options.dir !== undefined ? resolve(options.dir) : specDir !== undefined ? resolve(options.baseDir, specDir) : resolve(DEFAULT_CACHE_DIR);
  return { store: new FsResponseCache(dir), mode };
}

/**
 * The cache of a cloud worker: the stack's shared S3 prefix, in the mode the spec's `cache:` asks
 * for (its `dir` is a local folder and means nothing there); undefined when off or not deployed.
 */
export function workerRunCache(spec: EvalSpec['cache'], store: ResponseCache | undefined): RunCache | undefined {
  const mode = cacheModeOf(spec);
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
