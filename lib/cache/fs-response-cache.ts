import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { UsageSchema } from '../results/index.ts';
import { writeViaTemporary } from '../store/index.ts';
import { cacheEntryPath, isCacheEntryPath } from './cache-key.ts';

const TokenLogprobSchema = z.object({
  token: z.string(),
  logprob: z.number(),
  top: z.array(z.object({ token: z.string(), logprob: z.number() })).optional(),
});

/**
 * One stored answer: what the model said and what it cost to get, once. The answer's extras
 * (reasoning, its server count, token log-probabilities) came later as optional fields, so
 * entries written before them still read (as answers without extras) under the same version.
 */
export const CachedResponseSchema = z.object({
  schemaVersion: z.literal(1),
  text: z.string(),
  usage: UsageSchema.nullable(),
  /** The original call's latency and TTFT, shown in the record but never in latency figures. */
  latencyMs: z.number().nonnegative(),
  ttftMs: z.number().nonnegative().nullable(),
  meta: z.record(z.string(), z.unknown()).optional(),
  /** The scored continuations' log-likelihoods (MC2), when the request asked for them. */
  optionLogLikelihoods: z.array(z.number()).optional(),
  reasoning: z.string().optional(),
  reasoningTokens: z.object({ count: z.number().int().nonnegative(), source: z.literal('server') }).optional(),
  logprobs: z.array(TokenLogprobSchema).optional(),
  storedAt: z.string(),
});
export type CachedResponse = z.infer<typeof CachedResponseSchema>;

/** Where cached answers live: a folder (`FsResponseCache`) or an S3 prefix (`S3ResponseCache`). */
export interface ResponseCache {
  /** Human-readable location, for messages. */
  readonly location: string;
  get(key: string): Promise<CachedResponse | null>;
  put(key: string, response: CachedResponse): Promise<void>;
}

/** An entry's text as a cached response, or null when it is not one (a torn or foreign file: a miss). */
export function parseCachedResponse(text: string): CachedResponse | null {
  try {
    const parsed = CachedResponseSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Entry count and bytes of a cache (folder or S3 prefix). */
export interface CacheStats {
  readonly entries: number;
  readonly bytes: number;
}

/**
 * A response cache in a folder: one JSON file per key at `<dir>/<cacheEntryPath(key)>`, written
 * to a temporary name and renamed so a crash never leaves a torn entry. An unreadable entry counts as a miss and is overwritten.
 */
export class FsResponseCache implements ResponseCache {
  constructor(readonly location: string) {}

  async get(key: string): Promise<CachedResponse | null> {
    let text: string;
    try {
      text = await readFile(this.#path(key), 'utf8');
    } catch {
      return null;
    }
    return parseCachedResponse(text);
  }

  async put(key: string, response: CachedResponse): Promise<void> {
    await writeViaTemporary(this.#path(key), JSON.stringify(response));
  }

  /** How many answers the folder holds and their size; an absent folder is an empty cache. */
  async stats(): Promise<CacheStats> {
    let entries = 0;
    let bytes = 0;
    for (const file of await this.#entryFiles()) {
      entries++;
      bytes += (await stat(file)).size;
    }
    return { entries, bytes };
  }

  /** Removes every entry (only the files this cache writes); returns how many. */
  async clear(): Promise<number> {
    const files = await this.#entryFiles();
    await Promise.all(files.map((file) => rm(file, { force: true })));
    return files.length;
  }

  async #entryFiles(): Promise<string[]> {
    const shards = await readdir(this.location).catch(() => [] as string[]);
    const files: string[] = [];
    for (const shard of shards.filter((name) => /^[0-9a-f]{2}$/.test(name))) {
      const names = await readdir(join(this.location, shard)).catch(() => [] as string[]);
      for (const name of names) if (isCacheEntryPath(`${shard}/${name}`)) files.push(join(this.location, shard, name));
    }
    return files;
  }

  #path(key: string): string {
    return join(this.location, cacheEntryPath(key));
  }
}
