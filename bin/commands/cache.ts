import { FsResponseCache } from '../../lib/cache/index.ts';
import { DEFAULT_CACHE_DIR } from '../../lib/executors/index.ts';

/** Options of `verdict cache stats|clear`. */
export interface CacheCommandOptions {
  cacheDir?: string;
  json?: boolean;
}

/** `verdict cache stats`: entries and size of the response cache; JSON on stdout with --json. */
export async function cacheStatsCommand(options: CacheCommandOptions): Promise<number> {
  const cache = new FsResponseCache(options.cacheDir ?? DEFAULT_CACHE_DIR);
  const stats = await cache.stats();
  process.stdout.write(
    options.json
      ? `${JSON.stringify({ dir: cache.location, ...stats })}\n`
      : `${cache.location}: ${stats.entries} cached answers, ${formatBytes(stats.bytes)}\n`,
  );
  return 0;
}

/** `verdict cache clear`: removes every cached answer (only the cache's own files). */
export async function cacheClearCommand(options: CacheCommandOptions): Promise<number> {
  const cache = new FsResponseCache(options.cacheDir ?? DEFAULT_CACHE_DIR);
  const removed = await cache.clear();
  process.stdout.write(`${cache.location}: removed ${removed} cached answers\n`);
  return 0;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
}
