import { describe, expect, it } from 'vitest';
import { countDiscordantPairs, pairedDifference } from '../../../lib/stats/paired-difference.ts';

// docs/metrics.md §4.3 vectors. Baseline A right on 3 questions B misses; B never right where A is wrong.
const A = [1, 1, 0, 1, 0, 1, 1, 1, 0, 1];
const B = [1, 0, 0, 1, 0, 0, 1, 1, 0, 0];

describe('countDiscordantPairs', () => {
  it('cross-tabulates paired outcomes, accepting booleans and 0/1', () => {
    expect(countDiscordantPairs([true, true, false, false], [1, 0, 1, 0])).toEqual({
      n: 4,
      onlyA: 1,
      onlyB: 1,
      both: 1,
      neither: 1,
    });
  });

  it('rejects scores that are not binary, naming the index', () => {
    expect(() => countDiscordantPairs([1, 0.5], [1, 0])).toThrow('a[1] must be true, false, 1 or 0, got 0.5');
  });
});

describe('pairedDifference (Wald interval for matched pairs)', () => {
  it('computes p_b − p_a with SE sqrt((b + c) − (b − c)²/n)/n', () => {
    // onlyA = 3, onlyB = 0, n = 10: diff = −0.3, SE = sqrt(3 − 9/10)/10 = sqrt(2.1)/10 = 0.1449138
    // (= the plug-in bootstrap SE of docs/metrics.md §4.6). 95%: −0.3 ± 1.959964·SE = [−0.5840258, −0.0159742].
    const result = pairedDifference(A, B);
    expect(result).toMatchObject({ n: 10, onlyA: 3, onlyB: 0, confidence: 0.95 });
    expect(result.diff).toBeCloseTo(-0.3, 15);
    expect(result.se).toBeCloseTo(0.14491376746189438, 15);
    expect(result.lo).toBeCloseTo(-0.5840257650893252, 12);
    expect(result.hi).toBeCloseTo(-0.01597423491067468, 12);
  });

  it('is antisymmetric in a and b', () => {
    const forward = pairedDifference(A, B);
    const backward = pairedDifference(B, A);
    expect(backward.diff).toBeCloseTo(-forward.diff, 15);
    expect(backward.lo).toBeCloseTo(-forward.hi, 15);
  });

  it('gives a zero-width interval with no discordant pairs', () => {
    expect(pairedDifference([1, 0, 1], [1, 0, 1])).toMatchObject({ diff: 0, se: 0, lo: 0, hi: 0 });
  });

  it('rejects empty input', () => {
    expect(() => pairedDifference([], [])).toThrow('needs at least one pair of outcomes, got none');
  });
});
