import { describe, expect, it } from 'vitest';
import { compareSampleKeys, SampleOrder } from '../../../lib/engine/sample-order.ts';

describe('sample order', () => {
  it('finds each plan id at its position, ids whose hashes collide included, and no position for others', () => {
    // "q562789" and "q779192" share their 32-bit FNV-1a hash, so one probes past the other.
    const ids = [...Array.from({ length: 5_000 }, (_, index) => `s${index}`), 'q562789', 'q779192', ''];
    const order = new SampleOrder(ids);
    ids.forEach((id, position) => {
      expect(order.get(id)).toBe(position);
    });
    for (const unknown of ['s5000', 'q1', 'S1', 's01']) expect(order.get(unknown)).toBeUndefined();
    expect(new SampleOrder().get('s0')).toBeUndefined();
    expect(new SampleOrder(['a', 'b', 'a']).get('a')).toBe(0);
    expect(order.size).toBe(ids.length);
    expect(order.idAt(5_001)).toBe('q779192');
  });

  it('sorts keys by plan position, then unknown ids by code unit, then by repeat', () => {
    const order = new SampleOrder(['b', 'a']);
    const keys = [{ sampleId: 'z', repeat: 0 }, { sampleId: 'a', repeat: 1 }, { sampleId: 'y', repeat: 0 }, { sampleId: 'a', repeat: 0 }, { sampleId: 'b', repeat: 2 }];
    expect(keys.sort((x, y) => compareSampleKeys(order, x, y))).toEqual([
      { sampleId: 'b', repeat: 2 },
      { sampleId: 'a', repeat: 0 },
      { sampleId: 'a', repeat: 1 },
      { sampleId: 'y', repeat: 0 },
      { sampleId: 'z', repeat: 0 },
    ]);
  });
});
