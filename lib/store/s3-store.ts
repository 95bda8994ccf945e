import { createHash } from 'node:crypto';
import { DeleteObjectCommand, ListObjectsV2Command, type ListObjectsV2CommandOutput, type S3Client } from '@aws-sdk/client-s3';
import pLimit from 'p-limit';
import type { ResultStore } from '../ports/index.ts';
import { VerdictError } from '../errors/index.ts';
import { readManifestFile, readSummaryFile, type Manifest, type ResultRecord, type Summary } from '../results/index.ts';
import { runLayout, toJsonLines } from './layout.ts';
import { parseRecordLines } from './parse-records.ts';
import type { RunLock } from './run-lock.ts';
import { acquireS3RunLock, type S3RunLockOptions } from './s3-run-lock.ts';
import { getObject, getObjectText, isNotFound, isPreconditionFailed, objectExists, putObject, s3Error, verifySha256 } from './s3-object-io.ts';

/** Where an S3 result store keeps its runs. */
export interface S3ResultStoreOptions {
  readonly client: S3Client;
  readonly bucket: string;
  /** Key prefix of every run, ending in "/". @default "runs/" */
  readonly prefix?: string;
}

/**
 * The result store on S3: the same layout as a folder (`runLayout`) under `s3://bucket/<prefix>`.
 * Shards are written whole (S3 has no append; cloud workers write each shard once, and a retry
 * overwrites the same key with the same items), large shards as multipart uploads, every object
 * with a CRC32 for S3 and a SHA-256 in its metadata that reads verify. Records are read as a
 * stream, line by line. summary.json is written once: an existing one is never replaced.
 */
export class S3ResultStore implements ResultStore {
  readonly client: S3Client;
  readonly bucket: string;
  readonly prefix: string;

  constructor(options: S3ResultStoreOptions) {
    this.client = options.client;
    this.bucket = options.bucket;
    const prefix = options.prefix ?? 'runs/';
    this.prefix = prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`;
  }

  /** The S3 key of a run-relative path, e.g. `runs/<id>/summary.json`. */
  key(relative: string): string {
    return `${this.prefix}${relative}`;
  }

  locate(runId: string): string {
    return `s3://${this.bucket}/${this.key(runId)}`;
  }

  async listRuns(): Promise<string[]> {
    const folders = await this.listNames(this.prefix, { folders: true });
    const limit = pLimit(8);
    const withManifest = await Promise.all(
      folders.map((runId) => limit(async () => ((await objectExists(this.client, this.bucket, this.key(runLayout.manifest(runId)))) ? runId : null))),
    );
    return withManifest.filter((runId): runId is string => runId !== null).sort();
  }

  async writeManifest(manifest: Manifest): Promise<void> {
    await this.writeOnce(runLayout.manifest(manifest.runId), `${JSON.stringify(manifest, null, 2)}\n`);
  }

  async readManifest(runId: string): Promise<Manifest | null> {
    return this.readJson(runLayout.manifest(runId), readManifestFile);
  }

  /** S3 cannot append: this rewrites the shard with the old records plus the new (fine for small resumes). */
  async appendRecords(runId: string, shardId: string, records: readonly ResultRecord[]): Promise<void> {
    if (records.length === 0) return;
    const existing = await getObjectText(this.client, this.bucket, this.key(runLayout.shard(runId, shardId)));
    const kept = existing === null ? '' : existing.slice(0, existing.lastIndexOf('\n') + 1);
    await this.put(runLayout.shard(runId, shardId), kept + toJsonLines(records), 'application/x-ndjson');
  }

  async writeShard(runId: string, shardId: string, records: readonly ResultRecord[]): Promise<void> {
    await this.put(runLayout.shard(runId, shardId), toJsonLines(records), 'application/x-ndjson');
  }

  async listShards(runId: string): Promise<string[]> {
    const names = await this.listNames(this.key(runLayout.recordsPrefix(runId)), { folders: false });
    return names.map(runLayout.shardIdOf).filter((id): id is string => id !== null).sort();
  }

  async *readRecords(runId: string): AsyncIterable<ResultRecord> {
    for (const shardId of await this.listShards(runId)) yield* this.readShard(runId, shardId);
  }

  /** Streams one shard's records, verifying its SHA-256 once the last byte has arrived. */
  async *readShard(runId: string, shardId: string): AsyncIterable<ResultRecord> {
    const key = this.key(runLayout.shard(runId, shardId));
    const url = `s3://${this.bucket}/${key}`;
    const response = await getObject(this.client, this.bucket, key);
    if (!response) return;
    const hash = createHash('sha256');
    let pending = '';
    let line = 1;
    const decoder = new TextDecoder();
    for await (const chunk of response.Body as AsyncIterable<Uint8Array>) {
      hash.update(chunk);
      pending += decoder.decode(chunk, { stream: true });
      const end = pending.lastIndexOf('\n');
      if (end === -1) continue;
      const lines = pending.slice(0, end).split('\n');
      pending = pending.slice(end + 1);
      yield* parseRecordLines(lines.map((text) => ({ text, last: false })), url, line);
      line += lines.length;
    }
    pending += decoder.decode();
    verifySha256(response, hash.digest('hex'), url);
    if (pending !== '') yield* parseRecordLines([{ text: pending, last: true }], url, line);
  }

  async readSummary(runId: string): Promise<Summary | null> {
    return this.readJson(runLayout.summary(runId), readSummaryFile);
  }

  async writeSummary(summary: Summary): Promise<void> {
    await this.writeOnce(runLayout.summary(summary.runId), `${JSON.stringify(summary, null, 2)}\n`);
  }

  /**
   * Takes `<run>/run.lock` by a conditional put (s3-run-lock.ts): `run`/`--resume` writing to S3,
   * and a cloud run's start. A lock on a sealed run is stale: its writer is done.
   */
  async lockRun(runId: string, options?: S3RunLockOptions): Promise<RunLock> {
    const isSealed = () => objectExists(this.client, this.bucket, this.key(runLayout.summary(runId)));
    return acquireS3RunLock({ client: this.client, bucket: this.bucket, key: this.key(runLayout.lock(runId)) }, { isSealed, ...options });
  }

  /**
   * Removes a run's lock whoever holds it: for the process that seals a run it did not start (the
   * cloud Seal function, after writeSummary), which needs s3:DeleteObject on `run.lock` only.
   */
  async removeRunLock(runId: string): Promise<void> {
    const key = this.key(runLayout.lock(runId));
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
    } catch (error) {
      if (!isNotFound(error)) throw s3Error('STORE_WRITE', `s3://${this.bucket}/${key}`, 'DeleteObject', error);
    }
  }

  /** Writes a key that must not exist yet: checked first (servers that ignore If-None-Match), then conditional. */
  private async writeOnce(relative: string, text: string): Promise<void> {
    const key = this.key(relative);
    const sealed = () => new VerdictError('RUN_SEALED', `s3://${this.bucket}/${key} already exists; result sets are never overwritten`);
    if (await objectExists(this.client, this.bucket, key)) throw sealed();
    try {
      await putObject(this.client, { bucket: this.bucket, key, body: text, contentType: 'application/json', ifNoneMatch: true });
    } catch (error) {
      if (isPreconditionFailed(error)) throw sealed();
      throw s3Error('STORE_WRITE', `s3://${this.bucket}/${key}`, 'PutObject', error);
    }
  }

  private async put(relative: string, text: string, contentType: string): Promise<void> {
    const key = this.key(relative);
    try {
      await putObject(this.client, { bucket: this.bucket, key, body: text, contentType });
    } catch (error) {
      throw s3Error('STORE_WRITE', `s3://${this.bucket}/${key}`, 'PutObject', error);
    }
  }

  /** Reads a result-set JSON object; null when absent. `parse` checks it against the contract (and throws RESULT_INVALID). */
  private async readJson<T>(relative: string, parse: (value: unknown, where: string) => T): Promise<T | null> {
    const key = this.key(relative);
    const text = await getObjectText(this.client, this.bucket, key);
    if (text === null) return null;
    const url = `s3://${this.bucket}/${key}`;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new VerdictError('STORE_READ', `${url}: not valid JSON (${(error as Error).message})`, { cause: error });
    }
    return parse(value, url);
  }

  /** Names directly under a prefix: sub-"folders" (without the slash) or object names. */
  private async listNames(prefix: string, options: { folders: boolean }): Promise<string[]> {
    const names: string[] = [];
    let token: string | undefined;
    do {
      let page: ListObjectsV2CommandOutput;
      try {
        page = await this.client.send(
          new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, Delimiter: '/', ContinuationToken: token }),
        );
      } catch (error) {
        throw s3Error('STORE_READ', `s3://${this.bucket}/${prefix}`, 'ListObjectsV2', error);
      }
      if (options.folders) {
        for (const common of page.CommonPrefixes ?? []) names.push(common.Prefix!.slice(prefix.length, -1));
      } else {
        for (const object of page.Contents ?? []) names.push(object.Key!.slice(prefix.length));
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return names;
  }
}
