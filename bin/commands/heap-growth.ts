import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the old generation grow past the live heap before its next full collection,
 * in percent. V8 picks a factor of up to 4× by itself: a 1M-row run with ~64 MB live sawed
 * between ~120 and ~300 MB of heap (peak RSS 500+ MB). 1.5× keeps that run's heap near 140 MB.
 */
const HEAP_GROWING_PERCENT = 50;

/**
 * Bounds the heap's growth between full collections for the commands that hold a run (`run`,
 * `verify`): more frequent full GCs (concurrent marking, a few % of CPU at 1M rows) for a peak
 * RSS that follows the live heap. It is not a cap: the heap still grows as far as the live data
 * needs, so a big run cannot fail by it (a heap limit such as `--max-old-space-size` could).
 * Read by V8 after every full GC, so it works after start-up, unlike the heap-size flags.
 */
export function boundHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
