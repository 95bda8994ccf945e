/**
 * How a run loads its candidates: a closed loop (a fixed number of requests in flight, the
 * default), an open loop (requests arrive at a fixed rate, Poisson arrivals, whatever is in
 * flight), and a sweep over either, run one level after another.
 *
 * A sweep runs the whole plan once per level. The planner multiplies `repeats` by the number of
 * levels, so level k owns repeats [k·R, (k+1)·R) — item ids stay unique, resume works per item,
 * and accuracy simply gains repeats. Aggregation maps a record back to its level the same way.
 */

/** One load level: a closed loop at `concurrency`, or an open loop at `rate` requests/s. */
export interface LoadLevel {
  readonly index: number;
  readonly mode: 'closed' | 'open';
  /** In-flight cap of a closed loop. */
  readonly concurrency?: number;
  /** Arrivals per second of an open loop (Poisson). */
  readonly rate?: number;
  /** Short label for tables and charts: `c=16` or `rate=8/s`. */
  readonly label: string;
}

/** The load keys of `execution` (see lib/spec/schema.ts). */
export interface LoadExecution {
  readonly concurrency: number;
  readonly repeats: number;
  readonly rate?: number;
  readonly warmup?: number;
  readonly sweep?: readonly number[] | { readonly concurrency: readonly number[] } | { readonly rate: readonly number[] };
}

/** The run's load pattern: its levels in run order, the warm-up count and what a sweep varies. */
export interface LoadPattern {
  readonly levels: readonly LoadLevel[];
  /** Requests per model candidate sent before each level's measured requests, then discarded. */
  readonly warmup: number;
  /** What the sweep varies, or undefined for a single level. */
  readonly sweepOver?: 'concurrency' | 'rate';
  /** Repeats per level (the spec's `repeats`). */
  readonly repeatsPerLevel: number;
}

/** The load pattern an `execution` block asks for; `concurrencyOverride` is `--concurrency`. */
export function loadPatternOf(execution: LoadExecution, concurrencyOverride?: number): LoadPattern {
  const base = { warmup: execution.warmup ?? 0, repeatsPerLevel: execution.repeats };
  const sweep = execution.sweep;
  if (sweep !== undefined) {
    if (!Array.isArray(sweep) && 'rate' in sweep) {
      return { ...base, sweepOver: 'rate', levels: sweep.rate.map((rate, index) => openLevel(index, rate)) };
    }
    const levels = Array.isArray(sweep) ? sweep : (sweep as { concurrency: readonly number[] }).concurrency;
    return { ...base, sweepOver: 'concurrency', levels: levels.map((concurrency, index) => closedLevel(index, concurrency)) };
  }
  if (execution.rate !== undefined) return { ...base, levels: [openLevel(0, execution.rate)] };
  return { ...base, levels: [closedLevel(0, concurrencyOverride ?? execution.concurrency)] };
}

/** The number of levels (1 without a sweep): the planner's repeat multiplier. */
export function levelCount(execution: LoadExecution): number {
  return loadPatternOf(execution).levels.length;
}

/** The level a record's repeat belongs to. */
export function levelOfRepeat(repeat: number, repeatsPerLevel: number): number {
  return Math.floor(repeat / repeatsPerLevel);
}

/** The level of a work item id (`sample|candidate|repeat`, see `itemIdOf`). */
export function levelOfItemId(itemId: string, repeatsPerLevel: number): number {
  return levelOfRepeat(Number(itemId.slice(itemId.lastIndexOf('|') + 1)), repeatsPerLevel);
}

/** The load a summary describes: present only when the spec asked for more than a plain closed loop. */
export function describeLoad(pattern: LoadPattern): Record<string, unknown> | undefined {
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
export function levelKey(level: LoadLevel): Record<string, unknown> {
  return {
    index: level.index,
    label: level.label,
    ...(level.concurrency !== undefined && { concurrency: level.concurrency }),
    ...(level.rate !== undefined && { rate: level.rate }),
  };
}

function closedLevel(index: number, concurrency: number): LoadLevel {
  return { index, mode: 'closed', concurrency, label: `c=${concurrency}` };
}

function openLevel(index: number, rate: number): LoadLevel {
  return { index, mode: 'open', rate, label: `rate=${rate}/s` };
}
