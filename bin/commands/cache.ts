import { FsResponseCache, S3ResponseCache, STACK_CACHE_PREFIX, type CacheStats } from '../../lib/cache/index.ts';
import { VerdictError } from '../../lib/errors/index.ts';
import { DEFAULT_CACHE_DIR } from '../../lib/execution/index.ts';
import { createS3Client } from '../../lib/store/index.ts';
import { resolveCloudTarget, type CloudOptions } from './cloud-target.ts';

/** Options of `verdict cache stats|clear`. */
export interface CacheCommandOptions extends Pick<CloudOptions, 'stack' | 'bucket' | 'region' | 's3Endpoint'> {
  cacheDir?: string;
  /** `s3://bucket/prefix/`: a cache in S3 instead of a folder. */
  s3?: string;
  /** The stack's shared cache: `s3://<results bucket>/response-cache/`. */
  cloud?: boolean;
  json?: boolean;
}

interface CountableCache {
  readonly location: string;
  stats(): Promise<CacheStats>;
  clear(): Promise<number>;
}

/** `verdict cache stats`: entries and size of the response cache; JSON on stdout with --json. */
export async function cacheStatsCommand(options: CacheCommandOptions): Promise<number> {
  const cache = await openCache(options);
  const stats = await cache.stats();
  process.stdout.write(
    options.json
      ? `${JSON.stringify({ location: cache.location, ...stats })}\n`
      : `${cache.location}: ${stats.entries} cached answers, ${formatBytes(stats.bytes)}\n`,
  );
  return 0;
}

/** `verdict cache clear`: removes every cached answer (only the cache's own files or keys). */
export async function cacheClearCommand(options: CacheCommandOptions): Promise<number> {
  const cache = await openCache(options);
  const removed = await cache.clear();
  process.stdout.write(`${cache.location}: removed ${removed} cached answers\n`);
  return 0;
}

/** The cache the options name: a folder (default), an S3 URL, or the stack's shared prefix. */
async function openCache(options: CacheCommandOptions): Promise<CountableCache> {
  const named = [options.cacheDir !== undefined && '--cache-dir', options.s3 !== undefined && '--s3', options.cloud && '--cloud'].filter(Boolean);
  if (named.length > 1) throw new VerdictError('USAGE', `${named.join(' and ')}: name one cache`);
  if (options.s3 !== undefined) {
    const match = /^s3:\/\/([^/]+)\/(.*)$/.exec(options.s3);
    if (!match) throw new VerdictError('USAGE', `--s3 ${options.s3}: expected s3://bucket/prefix/`);
    const s3 = { endpoint: options.s3Endpoint ?? process.env.VERDICT_S3_ENDPOINT, ...(options.region && { region: options.region }) };
    return new S3ResponseCache({ client: createS3Client(s3), bucket: match[1]!, prefix: match[2]! });
  }
  if (options.cloud) {
    const target = await resolveCloudTarget(options);
    return new S3ResponseCache({ client: target.store.client, bucket: target.store.bucket, prefix: STACK_CACHE_PREFIX });
  }
  return new FsResponseCache(options.cacheDir ?? DEFAULT_CACHE_DIR);
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
}
