import { describe, expect, it } from 'vitest';
import { nonInferiorityTest } from '../../../lib/stats/non-inferiority-test.ts';

/** Paired outcomes with the given 2×2 counts: baseline a, candidate b. */
function pairs(counts: { onlyA: number; onlyB: number; both: number; neither: number }) {
  const a: number[] = [];
  const b: number[] = [];
  const push = (count: number, x: number, y: number) => {
    for (let i = 0; i < count; i++) {
      a.push(x);
      b.push(y);
    }
  };
  push(counts.onlyA, 1, 0);
  push(counts.onlyB, 0, 1);
  push(counts.both, 1, 1);
  push(counts.neither, 0, 0);
  return { a, b };
}

// z = (drop − margin)/SE, SE = sqrt((b + c) − (b − c)²/n)/n, p = 1 − Φ(z); expected values computed in
// plain Python with statistics.NormalDist (scipy.stats.norm.sf(z) gives the same).
describe('nonInferiorityTest (release gate: fail only on a significant drop beyond the margin)', () => {
  it('does not fail a large drop measured on few items', () => {
    // n = 20, baseline 18/20, candidate 14/20: onlyA = 5, onlyB = 1 → drop = 0.2.
    // SE = sqrt(6 − 16/20)/20 = 0.1140175; z = (0.2 − 0.05)/0.1140175 = 1.3155870; p = 0.0941563 ≥ 0.05.
    const result = nonInferiorityTest({ ...pairs({ onlyA: 5, onlyB: 1, both: 13, neither: 1 }), margin: 0.05 });
    expect(result.diff).toBeCloseTo(-0.2, 15);
    expect(result.se).toBeCloseTo(0.1140175425099138, 14);
    expect(result.z).toBeCloseTo(1.315587028960544, 12);
    expect(result.pValue).toBeCloseTo(0.09415634474445822, 12);
    expect(result.inferior).toBe(false);
    // 90% interval (1 − 2α): −0.2 ± 1.6448536·SE = [−0.3875422, −0.0124578]; hi > −margin, so not inferior.
    expect(result.lo).toBeCloseTo(-0.3875421683335253, 12);
    expect(result.hi).toBeCloseTo(-0.012457831666474711, 12);
    expect(result.confidence).toBeCloseTo(0.9, 15);
  });

  it('fails the same drop measured on ten times as many items', () => {
    // n = 200: onlyA = 50, onlyB = 10. SE = sqrt(60 − 1600/200)/200 = 0.0360555;
    // z = 0.15/0.0360555 = 4.1602515; p = 1.5894869e-05 < 0.05; 90% hi = −0.1406940 < −0.05.
    const result = nonInferiorityTest({ ...pairs({ onlyA: 50, onlyB: 10, both: 130, neither: 10 }), margin: 0.05 });
    expect(result.z).toBeCloseTo(4.160251471689219, 12);
    expect(Math.abs(result.pValue - 1.589486880870794e-5) / 1.589486880870794e-5).toBeLessThan(1e-9);
    expect(result.inferior).toBe(true);
    expect(result.hi).toBeLessThan(-result.margin);
  });

  it('does not fail a drop that is certainly real but smaller than the margin', () => {
    // n = 10,000, onlyA = 600, onlyB = 200: drop 0.04 (McNemar would call it highly significant),
    // SE = sqrt(800 − 16)/10000 = 0.0028; z = (0.04 − 0.05)/0.0028 = −3.5714286; p = 0.9998225.
    const result = nonInferiorityTest({ ...pairs({ onlyA: 600, onlyB: 200, both: 8000, neither: 1200 }), margin: 0.05 });
    expect(result.z).toBeCloseTo(-3.571428571428572, 12);
    expect(result.pValue).toBeCloseTo(0.9998224803096265, 12);
    expect(result.inferior).toBe(false);
  });

  it('gives p = 0.5 when the drop equals the margin, and never fails an improvement', () => {
    // onlyA = 40, onlyB = 30, n = 200: drop = 0.05 = margin → z = 0 → p = 0.5.
    expect(nonInferiorityTest({ ...pairs({ onlyA: 40, onlyB: 30, both: 100, neither: 30 }), margin: 0.05 }).pValue).toBeCloseTo(0.5, 15);
    const better = nonInferiorityTest({ ...pairs({ onlyA: 0, onlyB: 30, both: 100, neither: 70 }), margin: 0 });
    expect(better.inferior).toBe(false);
    expect(better.pValue).toBeGreaterThan(0.99);
  });

  it('handles a zero SE (every pair discordant the same way, or none discordant)', () => {
    // All 10 pairs onlyA: drop = 1 > margin with SE = 0 → z = +∞, p = 0, inferior.
    expect(nonInferiorityTest({ ...pairs({ onlyA: 10, onlyB: 0, both: 0, neither: 0 }), margin: 0.1 })).toMatchObject({
      z: Infinity,
      pValue: 0,
      inferior: true,
    });
    // Identical systems: drop 0 < margin → z = −∞, p = 1.
    expect(nonInferiorityTest({ a: [1, 0, 1], b: [1, 0, 1], margin: 0.02 })).toMatchObject({ z: -Infinity, pValue: 1, inferior: false });
  });

  it('validates margin, alpha and input', () => {
    const { a, b } = pairs({ onlyA: 1, onlyB: 0, both: 1, neither: 1 });
    expect(() => nonInferiorityTest({ a, b, margin: -0.1 })).toThrow('margin must be in [0, 1), got -0.1');
    expect(() => nonInferiorityTest({ a, b, margin: 0.05, alpha: 0.6 })).toThrow('alpha must be below 0.5');
    expect(() => nonInferiorityTest({ a: [], b: [], margin: 0.05 })).toThrow('needs at least one pair of outcomes');
  });
});
