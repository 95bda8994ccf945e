/**
 * Reading a run's load pattern (closed loop, open loop, a sweep of either; computed once by
 * `describeRun`, see run-description.ts). A sweep runs the whole plan once per level: level k
 * owns repeats [k·R, (k+1)·R), so aggregation maps a record back to its level by its repeat.
 */
import type { LoadLevel, LoadPattern, SummaryLoad } from '../results/index.ts';

export type { LoadLevel, LoadPattern };

/** The level a record's repeat belongs to. */
export function levelOfRepeat(repeat: number, repeatsPerLevel: number): number {
  return Math.floor(repeat / repeatsPerLevel);
}

/** The load a summary describes: present only when the run did more than a plain closed loop. */
export function describeLoad(pattern: LoadPattern): SummaryLoad | undefined {
  const plain = pattern.levels.length === 1 && pattern.levels[0]!.mode === 'closed' && pattern.warmup === 0;
  if (plain) return undefined;
  return {
    mode: pattern.levels[0]!.mode,
    warmup: pattern.warmup,
    ...(pattern.sweepOver !== undefined && { sweepOver: pattern.sweepOver }),
    levels: pattern.levels.map(levelKey),
  };
}

/** The level's identifying keys: `{ index, label, concurrency }` or `{ index, label, rate }`. */
export function levelKey(level: LoadLevel): SummaryLoad['levels'][number] {
  return {
    index: level.index,
    label: level.label,
    ...(level.concurrency !== undefined && { concurrency: level.concurrency }),
    ...(level.rate !== undefined && { rate: level.rate }),
  };
}
