import { describe, expect, it } from 'vitest';
import { planRun, workItemAt } from '../../../lib/engine/index.ts';
import { itemSeed } from '../../../lib/stats/index.ts';

describe('planRun', () => {
  const plan = planRun({ sampleIds: ['s1', 's2', 's3'], candidates: ['a', 'b'], repeats: 2, shardSize: 5 });

  it('plans sample × candidate × repeat items in fixed shards', () => {
    expect(plan.items).toBe(12);
    expect(plan.shards).toEqual([
      { id: 'shard-00000', start: 0, size: 5 },
      { id: 'shard-00001', start: 5, size: 5 },
      { id: 'shard-00002', start: 10, size: 2 },
    ]);
  });

  it('orders items sample-major so every shard reaches every candidate', () => {
    const ids = Array.from({ length: plan.items }, (_, index) => workItemAt(plan, index).itemId);
    expect(ids.slice(0, 5)).toEqual(['s1|a|0', 's1|a|1', 's1|b|0', 's1|b|1', 's2|a|0']);
    expect(new Set(ids).size).toBe(12);
  });

  it('gives every item a deterministic seed that differs between items and run seeds', () => {
    expect(itemSeed(7, 's1|a|0')).toBe(itemSeed(7, 's1|a|0'));
    expect(itemSeed(7, 's1|a|0')).not.toBe(itemSeed(7, 's1|a|1'));
    expect(itemSeed(7, 's1|a|0')).not.toBe(itemSeed(8, 's1|a|0'));
  });
});
