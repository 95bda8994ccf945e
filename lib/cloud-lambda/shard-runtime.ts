import type { CandidateRuntime } from '../engine/index.ts';
import { cachedCandidates, createJudgePort, rateLimitedCandidates, scorersWithJudges, workerRunCache, type JudgePortHandle } from '../execution/index.ts';
import { createCandidates } from '../run/index.ts';
import type { Scorer } from '../scorers/index.ts';
import type { CloudDeps } from './cloud-deps.ts';
import type { RunContext } from './run-context.ts';

/**
 * What a worker needs to run any shard of one run, built once per run and container: the run
 * context, the candidates behind their rate limits and the response cache, the judges and the
 * scorers that call them. Replay recordings are indexed and limiters keep their schedule across
 * the consecutive shards a warm container runs, so a worker's rate-limit share holds from one
 * shard to the next.
 */
export interface ShardRuntime {
  readonly context: RunContext;
  readonly candidates: ReadonlyMap<string, CandidateRuntime>;
  readonly judges: JudgePortHandle | undefined;
  readonly scorers: readonly Scorer[];
}

/** Runs `work` with a run's runtime, building it on first use. */
export type ShardRuntimes = <T>(deps: CloudDeps, runId: string, work: (runtime: ShardRuntime) => Promise<T>) => Promise<T>;

interface Held {
  readonly runId: string;
  readonly runtime: Promise<ShardRuntime>;
  /** Shards running with it now: a replaced runtime is closed when the last one ends. */
  users: number;
  replaced: boolean;
}

/**
 * Keeps the runtime of the last run this container worked on. A shard of another run replaces it
 * and closes its providers once no shard uses them (a container runs one invocation at a time;
 * the local test harness runs several with one handler). A runtime that failed to build is not kept.
 */
export function shardRuntimes(): ShardRuntimes {
  let held: Held | undefined;
  const retire = (entry: Held) => {
    entry.replaced = true;
    if (entry.users === 0) void entry.runtime.then(closeRuntime, () => undefined);
  };
  return async (deps, runId, work) => {
    if (held?.runId !== runId) {
      if (held) retire(held);
      const entry: Held = { runId, runtime: buildShardRuntime(deps, runId), users: 0, replaced: false };
      entry.runtime.catch(() => {
        if (held === entry) held = undefined;
      });
      held = entry;
    }
    const entry = held;
    entry.users++;
    try {
      return await work(await entry.runtime);
    } finally {
      entry.users--;
      if (entry.replaced) retire(entry);
    }
  };
}

async function buildShardRuntime(deps: CloudDeps, runId: string): Promise<ShardRuntime> {
  // The run context is cached by deps.runContext; what is built here is what it does not hold.
  const context = await deps.runContext(runId);
  // The run as Prepare recorded it (its overrides and shard size), not as the spec alone would give it.
  const { run } = context.prepared;
  const providerContext = {
    baseDir: context.prepared.loaded.baseDir,
    env: await deps.secrets(),
    clock: deps.clock,
    timeoutMs: run.execution.timeoutMs,
    retries: run.execution.retries,
  };
  const created = await createCandidates(context.prepared.candidates, providerContext, context.prepared.providerParams);
  // This worker's share of each candidate's rate limit, as the manifest records it (inside the cache, like a local run).
  const limited = rateLimitedCandidates(created, new Map(Object.entries(context.manifest.cloud?.rateLimits ?? {})), deps.clock);
  // The stack's shared S3 cache, under the same key and policy as a local run's folder, in the recorded mode (`--no-cache`: off).
  const candidates = cachedCandidates(limited, context.prepared, workerRunCache(run.cache, deps.responseCache), deps.clock);
  try {
    // Judges are created in the worker like its candidates (same secrets, retries, timeouts), each
    // held to this worker's share of its rate limit (a version-1 manifest has none: the whole limit).
    const judgeShares = new Map(Object.entries(context.manifest.cloud?.judgeRateLimits ?? {}));
    const judges = await createJudgePort(run, context.prepared.judgeParams, providerContext, judgeShares);
    return { context, candidates, judges, scorers: scorersWithJudges(run, context.prepared, judges) };
  } catch (error) {
    await closeProviders(candidates, undefined);
    throw error;
  }
}

function closeRuntime(runtime: ShardRuntime): Promise<void> {
  return closeProviders(runtime.candidates, runtime.judges);
}

async function closeProviders(candidates: ReadonlyMap<string, CandidateRuntime>, judges: JudgePortHandle | undefined): Promise<void> {
  await Promise.allSettled([...[...candidates.values()].map((candidate) => candidate.provider.close?.()), judges?.close()]);
}
