import { describe, expect, it } from 'vitest';
import { createRng, stepXoshiro128StarStar } from '../../../lib/stats/rng.ts';

describe('createRng (xoshiro128** seeded by SplitMix32)', () => {
  it('steps xoshiro128** 1.1 like the reference C code', () => {
    // Reference https://prng.di.unimi.it/xoshiro128starstar.c (1.1: result = rotl(s[1]·5, 7)·9)
    // from state {1, 2, 3, 4}. Cross-checked in plain Python; the same transcription with the 1.0
    // scrambler (s[0]) reproduces rand_xoshiro's published vector 5760, 40320, 70819200, ...
    const state = new Uint32Array([1, 2, 3, 4]);
    const outputs = Array.from({ length: 10 }, () => stepXoshiro128StarStar(state));
    expect(outputs).toEqual([
      11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849, 3729100597, 4258142804,
    ]);
  });

  it('replays the same stream for the same seed and a different one for another seed', () => {
    const draw = (seed: number) => {
      const rng = createRng(seed);
      return Array.from({ length: 5 }, () => rng.nextUint32());
    };
    expect(draw(12345)).toEqual(draw(12345));
    expect(draw(12345)).not.toEqual(draw(12346));
    expect(createRng(7).seed).toBe(7);
  });

  it('reduces seeds modulo 2^32', () => {
    expect(createRng(2 ** 32 + 5).nextUint32()).toBe(createRng(5).nextUint32());
    expect(createRng(-1).nextUint32()).toBe(createRng(2 ** 32 - 1).nextUint32());
  });

  it('draws floats in [0, 1) and integers in [0, bound) without visible bias', () => {
    const rng = createRng(99);
    const counts = new Array<number>(6).fill(0);
    const draws = 60_000;
    let floatsInRange = 0;
    for (let i = 0; i < draws; i++) {
      const float = rng.nextFloat();
      if (float >= 0 && float < 1) floatsInRange++;
      counts[rng.nextInt(6)]++;
    }
    expect(floatsInRange).toBe(draws);
    // Pearson χ² with 5 df; the 99.9th percentile of χ²₅ is 20.515 (scipy.stats.chi2.ppf(0.999, 5)).
    const expected = draws / 6;
    const chiSquare = counts.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);
    expect(chiSquare).toBeLessThan(20.515);
  });

  it('rejects non-integer seeds and bounds', () => {
    expect(() => createRng(1.5)).toThrow('seed must be a safe integer, got 1.5');
    expect(() => createRng(1).nextInt(0)).toThrow('bound must be an integer ≥ 1, got 0');
  });
});
