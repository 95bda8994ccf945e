import type { Clock } from '../ports/index.ts';
import { createRng } from '../stats/index.ts';

/** Runs a task when the arrival process says so. */
export type ArrivalGate = <T>(task: () => Promise<T>) => Promise<T>;

/**
 * An open-loop arrival process: tasks start at Poisson arrival times of `rate` per second,
 * however many are still in flight (vLLM `benchmark_serving.py --request-rate`, whose gaps are
 * exponential with mean 1/rate; gamma with shape 1). Gaps are drawn by inversion,
 * gap = −ln(1 − U) / rate, from a seeded generator, so a run's schedule is reproducible.
 *
 * Arrival times are absolute (start + Σ gaps), so timer lateness does not accumulate: a late
 * wake-up releases every task that is due. Arrivals accrue only while work is waiting; after an
 * idle spell the next arrival starts from now rather than releasing a burst.
 */
export function createArrivalGate(options: { rate: number; seed: number; clock: Clock }): ArrivalGate {
  const { rate, clock } = options;
  const rng = createRng(options.seed >>> 0);
  const gapMs = () => (-Math.log(1 - rng.nextFloat()) / rate) * 1000;
  const queue: (() => void)[] = [];
  let head = 0;
  let nextAtMs: number | undefined;
  let waiting = false;

  const pump = (): void => {
    waiting = false;
    const now = clock.now();
    while (head < queue.length && nextAtMs! <= now) {
      const release = queue[head]!;
      queue[head++] = noop;
      nextAtMs! += gapMs();
      release();
    }
    if (head === queue.length) {
      queue.length = 0;
      head = 0;
      return;
    }
    if (head > 4096) {
      queue.splice(0, head);
      head = 0;
    }
    wake(nextAtMs! - now);
  };
  const wake = (inMs: number): void => {
    waiting = true;
    setTimeout(pump, Math.max(0, inMs));
  };

  return (task) =>
    new Promise((resolve, reject) => {
      queue.push(() => void task().then(resolve, reject));
      if (waiting) return;
      const now = clock.now();
      if (nextAtMs === undefined || nextAtMs < now) nextAtMs = now;
      wake(nextAtMs - now);
    });
}

function noop(): void {}
