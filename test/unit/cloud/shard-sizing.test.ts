import { describe, expect, it } from 'vitest';
import { lambdaShardSize } from '../../../lib/cloud-lambda/index.ts';

describe('lambdaShardSize', () => {
  it('fits one wave when every item may take 5 attempts of 60 s (the spec defaults)', () => {
    // Worst item: 5 × 60 000 + (250 + 500 + 1000 + 2000) back-off ceilings = 303 750 ms.
    // Budget: 900 000 × 0.5 − 30 000 = 420 000 ms → 1 wave → 16 items at concurrency 16.
    const sizing = lambdaShardSize({ timeoutMs: 60_000, retries: 4, concurrency: 16 });
    expect(sizing).toMatchObject({ itemWorstCaseMs: 303_750, budgetMs: 420_000, waves: 1, shardSize: 16, shardWorstCaseMs: 303_750 });
  });

  it('fits many waves for short timeouts and stops at the 500-item cap', () => {
    // Worst item: 3 × 10 000 + (250 + 500) = 30 750 ms → floor(420 000 / 30 750) = 13 waves × 8 = 104.
    expect(lambdaShardSize({ timeoutMs: 10_000, retries: 2, concurrency: 8 })).toMatchObject({ itemWorstCaseMs: 30_750, waves: 13, shardSize: 104 });
    // 1 s, no retries: 420 waves × 16 = 6 720 → capped at 500.
    expect(lambdaShardSize({ timeoutMs: 1_000, retries: 0, concurrency: 16 }).shardSize).toBe(500);
  });

  it('keeps every shard inside the budget, whatever the inputs', () => {
    for (const timeoutMs of [500, 5_000, 30_000, 90_000]) {
      for (const retries of [0, 1, 4, 8]) {
        for (const concurrency of [1, 4, 32]) {
          // Settings where one item alone could outlive the budget are refused instead (next test).
          if ((retries + 1) * timeoutMs > 420_000) continue;
          const sizing = lambdaShardSize({ timeoutMs, retries, concurrency });
          expect(sizing.shardWorstCaseMs).toBeLessThanOrEqual(sizing.budgetMs);
          expect(sizing.shardSize).toBeGreaterThanOrEqual(1);
        }
      }
    }
  });

  it('uses the slowest per-candidate cap: 3 candidates, one capped at 2 → 6 in flight', () => {
    const sizing = lambdaShardSize({ timeoutMs: 10_000, retries: 2, concurrency: 16, candidateConcurrency: [undefined, 2, undefined] });
    expect(sizing.effectiveConcurrency).toBe(6);
    expect(sizing.shardSize).toBe(13 * 6);
  });

  it('keeps the rate limiter’s waits inside the budget: 2 candidates, one at 3 rpm per worker', () => {
    // Budget 420 s = 7 min; the slower candidate starts 3 a minute → 21 of its items → 42 items over 2 candidates.
    const sizing = lambdaShardSize({ timeoutMs: 1_000, retries: 0, concurrency: 16, candidateConcurrency: [undefined, undefined], candidateRpm: [3, 600] });
    expect(sizing.shardSize).toBe(42);
  });

  it('never exceeds the spec’s own execution.shardSize', () => {
    expect(lambdaShardSize({ timeoutMs: 1_000, retries: 0, concurrency: 16, requested: 40 }).shardSize).toBe(40);
  });

  it('refuses settings where a single item could outlive the worker, naming the fix', () => {
    expect(() => lambdaShardSize({ timeoutMs: 120_000, retries: 4, concurrency: 16 })).toThrow(/lower execution.timeoutMs or execution.retries/);
  });
});
