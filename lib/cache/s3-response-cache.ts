import { createHash } from 'node:crypto';
import { DeleteObjectsCommand, ListObjectsV2Command, type DeleteObjectsCommandOutput, type ListObjectsV2CommandOutput, type S3Client } from '@aws-sdk/client-s3';
import { getObject, putObject, s3Error, verifySha256 } from '../store/index.ts';
import { cacheEntryPath, isCacheEntryPath } from './cache-key.ts';
import { parseCachedResponse, type CachedResponse, type CacheStats, type ResponseCache } from './fs-response-cache.ts';

/** DeleteObjects takes at most this many keys per request. */
const DELETE_BATCH = 1000;

/** Options of {@link S3ResponseCache}. */
export interface S3ResponseCacheOptions {
  readonly client: S3Client;
  readonly bucket: string;
  /** Key prefix of the entries, e.g. `response-cache/` (a missing final "/" is added). */
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
    const prefix = options.prefix === '' || options.prefix.endsWith('/') ? options.prefix : `${options.prefix}/`;
    this.#options = { ...options, prefix };
    this.location = `s3://${options.bucket}/${prefix}`;
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

  /** How many answers the prefix holds and their size (ListObjectsV2; needs s3:ListBucket on the prefix). */
  async stats(): Promise<CacheStats> {
    const entries = await this.#listEntries();
    return { entries: entries.length, bytes: entries.reduce((sum, entry) => sum + entry.size, 0) };
  }

  /** Removes every entry (only keys shaped like the cache's own; needs s3:DeleteObject); returns how many. */
  async clear(): Promise<number> {
    const { client, bucket } = this.#options;
    const keys = (await this.#listEntries()).map((entry) => entry.key);
    for (let start = 0; start < keys.length; start += DELETE_BATCH) {
      const batch = keys.slice(start, start + DELETE_BATCH);
      let response: DeleteObjectsCommandOutput;
      try {
        response = await client.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } }));
      } catch (error) {
        throw s3Error('STORE_WRITE', this.location, 'DeleteObjects', error);
      }
      const failed = response.Errors ?? [];
      if (failed.length > 0) {
        const first = failed[0]!;
        throw s3Error('STORE_WRITE', `s3://${bucket}/${first.Key}`, 'DeleteObjects', new Error(`${failed.length} keys not deleted: ${first.Code ?? ''} ${first.Message ?? ''}`.trim()));
      }
    }
    return keys.length;
  }

  async #listEntries(): Promise<{ key: string; size: number }[]> {
    const { client, bucket, prefix } = this.#options;
    const entries: { key: string; size: number }[] = [];
    let token: string | undefined;
    do {
      let page: ListObjectsV2CommandOutput;
      try {
        page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
      } catch (error) {
        throw s3Error('STORE_READ', this.location, 'ListObjectsV2', error);
      }
      for (const object of page.Contents ?? []) {
        if (isCacheEntryPath(object.Key!.slice(prefix.length))) entries.push({ key: object.Key!, size: object.Size ?? 0 });
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return entries;
  }

  #key(key: string): string {
    return `${this.#options.prefix}${cacheEntryPath(key)}`;
  }
}
