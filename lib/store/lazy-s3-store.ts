import type { ResultStore } from '../ports/index.ts';
import type { Manifest, ResultRecord, Summary } from '../results/index.ts';
import type { S3ConnectionOptions } from './s3-client.ts';
import type { RunLock } from './run-lock.ts';
import type { S3RunLockOptions } from './s3-run-lock.ts';
import type { S3ResultStore } from './s3-store.ts';

/**
 * An S3 result store that loads the AWS SDK on first use, so commands that read folders (and
 * `verdict --help`) never pay the SDK's start-up. Behaves exactly as {@link S3ResultStore}.
 */
export class LazyS3ResultStore implements ResultStore {
  private real?: Promise<S3ResultStore>;

  constructor(
    private readonly options: { readonly s3: S3ConnectionOptions; readonly bucket: string; readonly prefix: string },
  ) {}

  private store(): Promise<S3ResultStore> {
    this.real ??= Promise.all([import('./s3-store.ts'), import('./s3-client.ts')]).then(
      ([{ S3ResultStore }, { createS3Client }]) =>
        new S3ResultStore({ client: createS3Client(this.options.s3), bucket: this.options.bucket, prefix: this.options.prefix }),
    );
    return this.real;
  }

  locate(runId: string): string {
    const prefix = this.options.prefix === '' || this.options.prefix.endsWith('/') ? this.options.prefix : `${this.options.prefix}/`;
    return `s3://${this.options.bucket}/${prefix}${runId}`;
  }

  async listRuns(): Promise<string[]> {
    return (await this.store()).listRuns();
  }
  async writeManifest(manifest: Manifest): Promise<void> {
    return (await this.store()).writeManifest(manifest);
  }
  async readManifest(runId: string): Promise<Manifest | null> {
    return (await this.store()).readManifest(runId);
  }
  async appendRecords(runId: string, shardId: string, records: readonly ResultRecord[]): Promise<void> {
    return (await this.store()).appendRecords(runId, shardId, records);
  }
  async writeShard(runId: string, shardId: string, records: readonly ResultRecord[]): Promise<void> {
    return (await this.store()).writeShard(runId, shardId, records);
  }
  async listShards(runId: string): Promise<string[]> {
    return (await this.store()).listShards(runId);
  }
  async *readRecords(runId: string): AsyncIterable<ResultRecord> {
    yield* (await this.store()).readRecords(runId);
  }
  async *readShard(runId: string, shardId: string): AsyncIterable<ResultRecord> {
    yield* (await this.store()).readShard(runId, shardId);
  }
  async readSummary(runId: string): Promise<Summary | null> {
    return (await this.store()).readSummary(runId);
  }
  async writeSummary(summary: Summary): Promise<void> {
    return (await this.store()).writeSummary(summary);
  }
  async lockRun(runId: string, options?: S3RunLockOptions): Promise<RunLock> {
    return (await this.store()).lockRun(runId, options);
  }
}
