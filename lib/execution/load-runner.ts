import pLimit from 'p-limit';
import {
  runWorkItem,
  workItemAt,
  type CandidateRuntime,
  type DescribedCandidate,
  type LoadLevel,
  type LoadPattern,
  type Scheduler,
  type ShardContext,
  type WorkItem,
} from '../engine/index.ts';
import type { Clock } from '../ports/index.ts';
import { createArrivalGate } from './arrival-scheduler.ts';

/** What {@link runLoadLevels} needs from the local executor. */
export interface LoadLevelsOptions {
  readonly pattern: LoadPattern;
  readonly candidates: ReadonlyMap<string, CandidateRuntime>;
  /** Per-candidate in-flight caps (the spec's candidate `concurrency`). */
  readonly candidateLimits: ReadonlyMap<string, number>;
  readonly clock: Clock;
  readonly seed: number;
  /** Context for warm-up requests (their records are discarded). */
  readonly warmupContext: Omit<ShardContext, 'onRecord'>;
  /** Runs every shard with this scheduler, skipping the items `owns` rejects, keeping about `backlog` items queued. */
  readonly runAll: (schedule: Scheduler, owns: (item: WorkItem) => boolean, backlog: number) => Promise<void>;
}

/**
 * Runs the plan's items level by level (one level without a sweep): for each, a scheduler for
 * its load (a closed-loop pool or an open-loop arrival process), then the warm-up requests, then
 * the level's own items.
 */
export async function runLoadLevels(options: LoadLevelsOptions): Promise<void> {
  const { pattern } = options;
  for (const level of pattern.levels) {
    const schedule = createLevelScheduler(level, options);
    await runWarmup(schedule, options);
    const owns = (item: WorkItem): boolean => item.level === level.index;
    await options.runAll(schedule, owns, backlogFor(level));
  }
}

/** Items to keep queued: enough that the pool never runs dry between shards (2× its size, at least 1,000). */
export function backlogFor(level: LoadLevel): number {
  return Math.max(1000, 2 * (level.concurrency ?? 0));
}

/** Per-candidate in-flight caps (a candidate's `concurrency`). */
export function candidateLimitsOf(candidates: readonly DescribedCandidate[]): Map<string, number> {
  return new Map(candidates.filter((candidate) => candidate.concurrency !== undefined).map((candidate) => [candidate.id, candidate.concurrency!]));
}

/**
 * The scheduler of one load level — the one scheduler of both executors (a Lambda worker runs
 * its shard at the run's single closed-loop level). Closed loop: one pool of `concurrency` for the run, inside any
 * per-candidate pool. Open loop: tasks start at the arrival process's times (the run-wide
 * concurrency does not apply: an open loop does not wait for answers), then any per-candidate cap.
 */
export function createLevelScheduler(level: LoadLevel, options: Pick<LoadLevelsOptions, 'candidateLimits' | 'clock' | 'seed'>): Scheduler {
  const perCandidate = new Map([...options.candidateLimits].map(([id, limit]) => [id, pLimit(limit)]));
  if (level.mode === 'open') {
    const arrive = createArrivalGate({ rate: level.rate!, seed: options.seed + level.index, clock: options.clock });
    return (candidate, task) => {
      const own = perCandidate.get(candidate);
      return arrive(own ? () => own(task) : task);
    };
  }
  const global = pLimit(level.concurrency!);
  return (candidate, task) => {
    const own = perCandidate.get(candidate);
    return own ? own(() => global(task)) : global(task);
  };
}

/** `warmup` requests per model candidate, through the level's scheduler; their records are dropped. */
async function runWarmup(schedule: Scheduler, options: LoadLevelsOptions): Promise<void> {
  const count = options.pattern.warmup;
  const context = options.warmupContext;
  if (count === 0 || context.samples.length === 0) return;
  const tasks: Promise<unknown>[] = [];
  for (const candidate of options.candidates.values()) {
    if (candidate.kind !== 'model') continue;
    const base = context.plan.candidates.indexOf(candidate.id);
    if (base < 0) continue;
    for (let index = 0; index < count; index++) {
      const sampleIndex = index % context.samples.length;
      const item = { ...workItemAt(context.plan, sampleIndex * context.plan.candidates.length * context.plan.repeats + base * context.plan.repeats), itemId: `warmup-${index}` };
      tasks.push(schedule(candidate.id, () => runWorkItem(item, 'warmup', { ...context, onRecord: () => {} })));
    }
  }
  await Promise.all(tasks);
}
