import { createHash } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import { getObject, putObject, s3Error, verifySha256 } from '../store/index.ts';
import { cacheEntryPath } from './cache-key.ts';
import { parseCachedResponse, type CachedResponse, type ResponseCache } from './fs-response-cache.ts';

/** Options of {@link S3ResponseCache}. */
export interface S3ResponseCacheOptions {
  readonly client: S3Client;
  readonly bucket: string;
  /** Key prefix of the entries, e.g. `cache/`. */
  readonly prefix: string;
}

/**
 * The response cache of cloud runs: the same entries as `FsResponseCache` (same key, same JSON,
 * same `<prefix><cacheEntryPath(key)>` layout) in an S3 prefix every worker shares, so a shard
 * re-run by any worker is answered from what another one stored. A missing, corrupted (SHA-256
 * mismatch) or unparseable entry is a miss; S3 refusing the request is an error naming the URL.
 */
export class S3ResponseCache implements ResponseCache {
  readonly location: string;
  readonly #options: S3ResponseCacheOptions;

  constructor(options: S3ResponseCacheOptions) {
    this.#options = options;
    this.location = `s3://${options.bucket}/${options.prefix}`;
  }

  async get(key: string): Promise<CachedResponse | null> {
    const { client, bucket } = this.#options;
    const response = await getObject(client, bucket, this.#key(key));
    if (!response) return null;
    const bytes = await response.Body!.transformToByteArray();
    try {
      verifySha256(response, createHash('sha256').update(bytes).digest('hex'), `${this.location}${cacheEntryPath(key)}`);
    } catch {
      return null;
    }
    return parseCachedResponse(Buffer.from(bytes).toString('utf8'));
  }

  /** A whole-object PUT: an entry is never torn, and a corrupted one is replaced (as the folder's rename does). */
  async put(key: string, response: CachedResponse): Promise<void> {
    const { client, bucket } = this.#options;
    try {
      await putObject(client, { bucket, key: this.#key(key), body: JSON.stringify(response), contentType: 'application/json' });
    } catch (error) {
      throw s3Error('STORE_WRITE', `${this.location}${cacheEntryPath(key)}`, 'PutObject', error);
    }
  }

  #key(key: string): string {
    return `${this.#options.prefix}${cacheEntryPath(key)}`;
  }
}
