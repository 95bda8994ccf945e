import type { Shard } from '../results/index.ts';

/** Work items per shard when the spec does not say: small enough to resume cheaply. */
export const DEFAULT_SHARD_SIZE = 500;

/** The run's work: every sample × candidate × repeat, cut into fixed, deterministic shards. */
export interface Plan {
  readonly sampleIds: readonly string[];
  readonly candidates: readonly string[];
  readonly repeats: number;
  /** Repeats per load level: level k owns repeats [k·R, (k+1)·R) (a sweep runs the plan once per level). */
  readonly repeatsPerLevel: number;
  readonly items: number;
  readonly shardSize: number;
  readonly shards: readonly Shard[];
}

/** One work item: which sample goes to which candidate, which repeat. */
export interface WorkItem {
  readonly index: number;
  readonly itemId: string;
  readonly sampleIndex: number;
  readonly candidate: string;
  readonly repeat: number;
  /** The load level the item belongs to (0 without a sweep). */
  readonly level: number;
}

/**
 * Plans a run. Items are ordered sample-major (each sample's candidates and repeats together),
 * so any shard spreads its load over every candidate. The same inputs always give the same shards.
 */
export function planRun(options: {
  sampleIds: readonly string[];
  candidates: readonly string[];
  repeats: number;
  /** Repeats per load level (default `repeats`: one level). */
  repeatsPerLevel?: number;
  shardSize?: number;
}): Plan {
  const items = options.sampleIds.length * options.candidates.length * options.repeats;
  const shardSize = Math.max(1, options.shardSize ?? DEFAULT_SHARD_SIZE);
  return {
    sampleIds: options.sampleIds,
    candidates: options.candidates,
    repeats: options.repeats,
    repeatsPerLevel: options.repeatsPerLevel ?? options.repeats,
    items,
    shardSize,
    shards: planShards(items, shardSize),
  };
}

/** Cuts `items` work items into shards `shard-00000`, `shard-00001`, ... of `shardSize` each. */
export function planShards(items: number, shardSize: number): Shard[] {
  const shards: Shard[] = [];
  for (let start = 0; start < items; start += shardSize) {
    shards.push({ id: `shard-${String(shards.length).padStart(5, '0')}`, start, size: Math.min(shardSize, items - start) });
  }
  return shards;
}

/** The work item at a plan index, computed rather than stored (plans can hold millions). */
export function workItemAt(plan: Plan, index: number): WorkItem {
  const perSample = plan.candidates.length * plan.repeats;
  const sampleIndex = Math.floor(index / perSample);
  const within = index % perSample;
  const candidate = plan.candidates[Math.floor(within / plan.repeats)]!;
  const repeat = within % plan.repeats;
  const level = Math.floor(repeat / plan.repeatsPerLevel);
  return { index, itemId: itemIdOf(plan.sampleIds[sampleIndex]!, candidate, repeat), sampleIndex, candidate, repeat, level };
}

/** The stable id of a work item; candidate ids cannot contain "|", so it is unambiguous. */
export function itemIdOf(sampleId: string, candidate: string, repeat: number): string {
  return `${sampleId}|${candidate}|${repeat}`;
}

