import { describe, expect, it } from 'vitest';
import { IdPositions } from '../../../lib/datasets/id-positions.ts';

describe('IdPositions', () => {
  it('finds every id set, across the table growing, and nothing else', () => {
    const ids: string[] = [];
    const positions = new IdPositions((position) => ids[position]!);
    for (let index = 0; index < 50_000; index++) {
      const id = `q${index}`;
      expect(positions.get(id)).toBeUndefined();
      ids.push(id);
      positions.set(id, index);
    }
    expect(positions.size).toBe(50_000);
    for (let index = 0; index < 50_000; index++) expect(positions.get(`q${index}`)).toBe(index);
    // Ids never set — including ones that share a prefix or differ only in length — are absent.
    for (const id of ['q50000', 'q', '', 'q0 ', 'Q1', 'q-1']) expect(positions.get(id)).toBeUndefined();
  });

  it('compares against the caller list: positions need not follow the order ids were set in', () => {
    const ids = ['c', 'a', 'b'];
    const positions = new IdPositions((position) => ids[position]!, ids.length);
    positions.set('b', 2);
    positions.set('c', 0);
    positions.set('a', 1);
    expect(['a', 'b', 'c', 'd'].map((id) => positions.get(id))).toEqual([1, 2, 0, undefined]);
  });
});
