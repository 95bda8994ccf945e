import { describe, expect, it } from 'vitest';
import { RunBudget } from '../../../lib/engine/index.ts';
import type { ResultRecord } from '../../../lib/results/index.ts';

const PRICE = new Map([['m', { inputPerMTokUsd: 1_000_000, outputPerMTokUsd: 1_000_000 }]]);

/** A record that used `tokens` tokens ($1 each at PRICE). */
function spent(tokens: number, extra: Partial<ResultRecord> = {}): ResultRecord {
  return { usage: { inputTokens: tokens, outputTokens: 0, source: 'server' }, error: null, ...extra } as ResultRecord;
}

describe('RunBudget', () => {
  it('reserves the expected cost of items in flight, so parallel dispatch cannot overshoot', () => {
    const budget = new RunBudget({ maxCostUsd: 12 }, PRICE);
    expect(budget.admit('m')).toBe(true);
    budget.settle('m', spent(5));
    // $5 spent; one more in flight is expected to cost $5 (→ $10); a third would make $15.
    expect(budget.admit('m')).toBe(true);
    expect(budget.admit('m')).toBe(false);
    expect(budget.stop).toMatchObject({ limit: 'execution.maxCostUsd', spentUsd: 5, notRun: 1 });
    // Once stopped, every later item is refused and counted, even after the in-flight one lands.
    budget.settle('m', spent(5));
    expect(budget.admit('m')).toBe(false);
    expect(budget.stop!.notRun).toBe(2);
  });

  it('prices cached answers and failures at 0, and candidates without a price cost nothing', () => {
    const budget = new RunBudget({ maxCostUsd: 3 }, PRICE);
    for (const record of [spent(100, { cache: { key: 'k', storedAt: 't', latencyMs: 1, ttftMs: null } }), spent(0, { usage: null, error: { code: 'PROVIDER_HTTP', message: 'x' } })]) {
      expect(budget.admit('m')).toBe(true);
      budget.settle('m', record);
    }
    expect(budget.admit('unpriced')).toBe(true);
    budget.settle('unpriced', spent(1_000));
    expect(budget.admit('m')).toBe(true);
    expect(budget.stop).toBeUndefined();
  });

  it('counts the spend of items recorded before a resume, and learns the expected cost from them', () => {
    const budget = new RunBudget({ maxCostUsd: 12 }, PRICE);
    budget.countEarlier('m', spent(4));
    budget.countEarlier('m', spent(6));
    budget.countEarlier('m', spent(100, { error: { code: 'BUDGET', message: 'not run' }, usage: null }));
    // $10 spent earlier; the next item is expected to cost their mean, $5: $15 > $12.
    expect(budget.admit('m')).toBe(false);
    expect(budget.stop).toMatchObject({ spentUsd: 10, notRun: 1 });
  });

  it('stops on tokens with maxTokens, whatever the price', () => {
    const budget = new RunBudget({ maxTokens: 10 }, new Map());
    expect(budget.admit('x')).toBe(true);
    budget.settle('x', spent(6));
    expect(budget.admit('x')).toBe(false);
    expect(budget.stop).toMatchObject({ limit: 'execution.maxTokens', spentTokens: 6 });
  });
});
