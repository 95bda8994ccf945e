import { VerdictError } from '../errors/index.ts';
import type { Manifest, Summary } from '../results/index.ts';
import type { S3ResultStore } from '../store/index.ts';

/** How far a cloud run has got, read from S3. */
export interface RunProgress {
  readonly runId: string;
  readonly state: 'running' | 'sealed';
  readonly shardsDone: number;
  readonly shardsTotal: number;
  readonly items: number;
  readonly itemsTotal: number;
  readonly errors: number;
}

/** Counts a run's records shard by shard; a shard file is read once (workers write each shard whole, once). */
export class RunWatcher {
  private readonly counted = new Map<string, { records: number; errors: number }>();

  constructor(
    private readonly store: S3ResultStore,
    readonly manifest: Manifest,
  ) {}

  /** Reads the shards that appeared since the last call and whether the run is sealed. */
  async progress(): Promise<{ progress: RunProgress; summary: Summary | null }> {
    const runId = this.manifest.runId;
    const summary = await this.store.readSummary(runId);
    const planned = new Set(this.manifest.plan.shards.map((shard) => shard.id));
    for (const shardId of await this.store.listShards(runId)) {
      if (this.counted.has(shardId) || !planned.has(shardId)) continue;
      let records = 0;
      let errors = 0;
      for await (const record of this.store.readShard(runId, shardId)) {
        records++;
        if (record.error) errors++;
      }
      this.counted.set(shardId, { records, errors });
    }
    let items = 0;
    let errors = 0;
    for (const count of this.counted.values()) {
      items += count.records;
      errors += count.errors;
    }
    return {
      summary,
      progress: {
        runId,
        state: summary ? 'sealed' : 'running',
        shardsDone: this.counted.size,
        shardsTotal: planned.size,
        items,
        itemsTotal: this.manifest.plan.items,
        errors,
      },
    };
  }
}

/**
 * Polls S3 until summary.json seals the run, reporting progress after each poll.
 * Gives up with RUN_INCOMPLETE (exit 3) after `timeoutMs`; the run goes on in the cloud.
 */
export async function waitForRun(
  watcher: RunWatcher,
  options: { pollMs: number; timeoutMs: number; onProgress(progress: RunProgress): void; now?: () => number; sleep?: (ms: number) => Promise<void> },
): Promise<Summary> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const deadline = now() + options.timeoutMs;
  for (;;) {
    const { progress, summary } = await watcher.progress();
    options.onProgress(progress);
    if (summary) return summary;
    if (now() >= deadline) {
      throw new VerdictError(
        'RUN_INCOMPLETE',
        `run ${progress.runId}: not sealed after ${Math.round(options.timeoutMs / 1000)} s (${progress.shardsDone}/${progress.shardsTotal} shards); ` +
          `it goes on in the cloud: check it with \`verdict cloud status ${progress.runId} --wait\``,
      );
    }
    await sleep(options.pollMs);
  }
}
