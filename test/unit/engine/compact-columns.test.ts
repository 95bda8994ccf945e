import { describe, expect, it } from 'vitest';
import { LabelColumn } from '../../../lib/engine/label-column.ts';
import { NumberList } from '../../../lib/engine/number-list.ts';

describe('number list', () => {
  it('keeps every value in push order across its growth steps', () => {
    const list = new NumberList();
    const pushed = Array.from({ length: 5_000 }, (_, index) => index * 1.5 - 7);
    for (const value of pushed) list.push(value);
    expect(list.length).toBe(5_000);
    expect(Array.from(list.values())).toEqual(pushed);
    expect(new NumberList().values()).toHaveLength(0);
  });
});

describe('label column', () => {
  it('reads back each slot’s label, none before the first label or after growth', () => {
    const column = new LabelColumn();
    column.grow(4);
    column.set(0, undefined);
    column.set(1, undefined);
    expect(column.any).toBe(false);
    column.set(2, 'north');
    column.set(3, 'south');
    column.grow(4_096);
    for (let slot = 4; slot < 3_000; slot++) column.set(slot, slot % 3 === 0 ? undefined : slot % 3 === 1 ? 'north' : 'east');
    expect(column.any).toBe(true);
    expect([0, 1, 2, 3].map((slot) => column.get(slot))).toEqual([undefined, undefined, 'north', 'south']);
    expect([2_997, 2_998, 2_999].map((slot) => column.get(slot))).toEqual([undefined, 'north', 'east']);
    expect(column.get(3_500)).toBeUndefined();
  });

  it('holds a label set beyond the capacity it was last given', () => {
    const column = new LabelColumn();
    column.set(10, 'late');
    expect(column.get(10)).toBe('late');
    column.grow(2_048);
    expect(column.get(10)).toBe('late');
  });
});
