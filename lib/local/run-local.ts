import type { Clock, ResultStore } from '../ports/index.ts';
import { aggregateRecords, runDescriptionOf, runShard, signSummary, type BudgetStop, type Scheduler } from '../engine/index.ts';
import { VerdictError } from '../errors/index.ts';
import type { BaselineInput } from '../gate/index.ts';
import { checkRunId, type Manifest, type Summary } from '../results/index.ts';
import { createCandidates, type PreparedRun, runManifest, gitProvenance, harnessVersions, specRelativePaths } from '../run/index.ts';
import type { ProgressReporter } from './progress.ts';
import {
  candidateLimitsOf,
  runLoadLevels,
  cachedCandidates,
  type RunCache,
  rateLimitedCandidates,
  rateLimitsOf,
  createJudgePort,
  runInJudgePhases,
  scorersWithJudges,
} from '../execution/index.ts';
import { RecordWriter } from './record-writer.ts';
import { budgetFor } from './run-budget.ts';
import { feedShards } from './shard-feeder.ts';

/** Options of {@link runLocal}. */
export interface LocalRunOptions {
  readonly prepared: PreparedRun;
  readonly store: ResultStore & { close?(): Promise<void> };
  readonly runId: string;
  /** Finish an unsealed run: items already recorded are not run again. */
  readonly resume?: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly clock: Clock;
  readonly progress: ProgressReporter;
  /** The baseline of baseline gates, resolved by the caller (`resolveBaseline`). */
  readonly baseline?: BaselineInput;
  /** The response cache (`resolveRunCache`); none when absent. */
  readonly cache?: RunCache;
  /** An Ed25519 private key (PEM): the seal is signed with it (`verdict verify --public-key`). */
  readonly signingKeyPem?: string;
  /**
   * Stops the run (SIGINT, SIGTERM): no new item starts, items in flight finish or time out, and
   * the run is left unsealed for `--resume` (RUN_INTERRUPTED, with the counts in its context).
   */
  readonly signal?: AbortSignal;
  /**
   * The caller hands the prepared dataset over: its row locations are freed once the items have
   * run, before the seal (a 1M-row run's peak). The CLI runs once per process and sets it; a
   * caller that runs the same prepared run again (a resume in the same process) leaves it off.
   */
  readonly releaseDataset?: boolean;
}

/** What a finished local run produced. */
export interface LocalRunResult {
  readonly manifest: Manifest;
  readonly summary: Summary;
  readonly location: string;
  /** Set when the budget stopped dispatch: the run is sealed, with the unrun items as `BUDGET` errors. */
  readonly budgetStop?: BudgetStop;
}

/**
 * Runs a prepared eval on this machine: a bounded pool over every shard, records appended as
 * items finish, then the summary written last. The same `runShard` and `aggregateRecords` run
 * in the Lambda workers.
 */
export async function runLocal(options: LocalRunOptions): Promise<LocalRunResult> {
  checkRunId(options.runId, 'run id');
  // One writer per run: a second `run --resume` on the same folder would ask and record items twice.
  const lock = await options.store.lockRun?.(options.runId);
  try {
    return await runLocked(options);
  } finally {
    await lock?.release();
  }
}

async function runLocked(options: LocalRunOptions): Promise<LocalRunResult> {
  const { store, runId, clock } = options;
  const manifest = options.resume ? await manifestToResume(options) : await startRun(options);
  // The items run in a function of their own: once it returns, the providers (a replay's index),
  // the scorers and the writer are garbage, so the seal's peak does not stack on them.
  const { finished, budgetStop } = await runItems(options, manifest);
  const items = manifest.plan.items;
  if (options.signal?.aborted === true) {
    throw new VerdictError('RUN_INTERRUPTED', `run "${runId}" stopped: ${finished} of ${items} items recorded, the run is not sealed`, {
      context: { runId, recorded: finished, items, location: store.locate(runId) },
    });
  }
  const aggregated = await aggregateRecords(store.readRecords(runId), manifest, { finishedAt: clock.isoNow(), baseline: options.baseline, exactPlan: true });
  const summary = options.signingKeyPem === undefined ? aggregated : signSummary(aggregated, options.signingKeyPem);
  await store.writeSummary(summary);
  return { manifest, summary, location: store.locate(runId), ...(budgetStop && { budgetStop }) };
}

/** Runs every item not yet recorded and writes its record; returns how many are recorded. */
async function runItems(options: LocalRunOptions, manifest: Manifest): Promise<{ finished: number; budgetStop?: BudgetStop }> {
  const { prepared, store, runId, clock } = options;
  // A resumed run goes on as its manifest says it started (its --concurrency, --max-cost), so the record holds.
  const run = options.resume ? runDescriptionOf(manifest) : prepared.run;
  const providerContext = { baseDir: prepared.loaded.baseDir, env: options.env, clock, timeoutMs: run.execution.timeoutMs, retries: run.execution.retries };
  // Judges are created like candidates; scorers that call them get the port (judge-port.ts).
  const judges = await createJudgePort(run, prepared.judgeParams, providerContext);
  const scorers = scorersWithJudges(run, prepared, judges);
  const budget = budgetFor(run);
  const done = new Set<string>();
  if (options.resume) {
    for await (const record of store.readRecords(runId)) {
      done.add(record.itemId);
      judges?.recordAnswer(record.candidate, record.sampleId, record.repeat, record.output);
      // What the interrupted attempt spent counts: resuming must not reset the budget.
      budget?.countEarlier(record.candidate, record);
    }
  }

  const created = await createCandidates(prepared.candidates, providerContext, prepared.providerParams);
  // Inside the cache: an answer served from the cache costs the provider nothing.
  const limited = rateLimitedCandidates(created, rateLimitsOf(run.candidates), clock);
  const candidates = cachedCandidates(limited, prepared, options.cache, clock);
  const writer = new RecordWriter(store, runId);
  const stopped = (): boolean => options.signal?.aborted === true;
  let finished = done.size;
  let errors = 0;
  options.progress.start(run.plan.items, finished);
  try {
    const shardContext = {
      plan: run.plan,
      samples: prepared.dataset.samples,
      candidates,
      scorers,
      prompt: prepared.prompt,
      answers: prepared.answers,
      clock,
      seed: run.execution.seed,
      budget,
    };
    // Closed loop, open loop (execution.rate) or a sweep of either, each level after a warm-up (load-runner.ts).
    await runLoadLevels({
      pattern: run.load,
      candidates,
      candidateLimits: candidateLimitsOf(run.candidates),
      clock,
      seed: run.execution.seed,
      warmupContext: shardContext,
      // Shards start as the backlog drains (shard-feeder.ts), so memory stays flat on big plans.
      // Pairwise judging against another candidate needs its answers first: with such a scorer,
      // the baseline candidates' items run in phase 1 and every other item in phase 2.
      runAll: (schedule, owns, backlog) =>
        runInJudgePhases(judges, (inPhase) =>
          feedShards(
            run.plan.shards,
            schedule,
            (shard, counted: Scheduler) =>
              runShard(shard, {
                ...shardContext,
                schedule: counted,
                isDone: (item) => stopped() || done.has(item.itemId) || !owns(item) || !inPhase(item.candidate),
                stopped,
                onRecord(record) {
                  judges?.recordAnswer(record.candidate, record.sampleId, record.repeat, record.output);
                  finished++;
                  if (record.error) errors++;
                  options.progress.update(finished, errors);
                  return writer.add(record);
                },
              }),
            backlog,
          ),
        ),
    });
    await writer.drain();
  } finally {
    options.progress.stop();
    await Promise.all([...candidates.values()].map((candidate) => candidate.provider.close?.()));
    await judges?.close();
    await prepared.sandbox?.close?.();
    if (options.releaseDataset) prepared.dataset.release();
    await store.close?.();
  }
  return { finished, ...(budget?.stop && { budgetStop: budget.stop }) };
}

async function startRun(options: LocalRunOptions): Promise<Manifest> {
  const { prepared, store, runId, clock } = options;
  if (await store.readManifest(runId)) {
    throw new VerdictError('USAGE', `run "${runId}" already exists at ${store.locate(runId)}; pass --resume to finish it, or a new --run-id`);
  }
  const { loaded, dataset } = prepared;
  const manifest = runManifest(prepared, {
    runId,
    createdAt: clock.isoNow(),
    specPath: loaded.path,
    baseDir: loaded.baseDir,
    datasetPaths: specRelativePaths(dataset.files, loaded.baseDir),
    versions: harnessVersions(),
    git: gitProvenance(loaded.baseDir),
  });
  await store.writeManifest(manifest);
  return manifest;
}

/** A run can be resumed only while unsealed, and only with the very inputs it started with. */
async function manifestToResume(options: LocalRunOptions): Promise<Manifest> {
  const { prepared, store, runId } = options;
  const manifest = await store.readManifest(runId);
  if (!manifest) throw new VerdictError('RUN_NOT_FOUND', `--resume: no run "${runId}" at ${store.locate(runId)}`);
  if (await store.readSummary(runId)) {
    throw new VerdictError('RUN_SEALED', `--resume: run "${runId}" is already complete (summary.json exists)`);
  }
  if (manifest.spec.sha256 !== prepared.loaded.sha256 || manifest.dataset.sha256 !== prepared.dataset.sha256) {
    throw new VerdictError('USAGE', `--resume: the spec or dataset changed since run "${runId}" started; start a new run instead`);
  }
  const sameCandidates = manifest.candidates.map((candidate) => candidate.id).join('|') === prepared.plan.candidates.join('|');
  const sameSamples = manifest.dataset.sampleIds.length === prepared.plan.sampleIds.length && manifest.dataset.sampleIds.every((id, index) => id === prepared.plan.sampleIds[index]);
  if (!sameCandidates || !sameSamples || manifest.plan.items !== prepared.plan.items) {
    throw new VerdictError(
      'USAGE',
      `--resume: the plan differs from run "${runId}" (candidates ${manifest.candidates.map((candidate) => candidate.id).join(', ')} and ` +
        `${manifest.plan.items} items then; ${prepared.plan.candidates.join(', ')} and ${prepared.plan.items} now); use the same --candidate and --limit`,
    );
  }
  return manifest;
}
