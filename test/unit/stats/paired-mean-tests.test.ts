import { describe, expect, it } from 'vitest';
import { nonInferiorityTest } from '../../../lib/stats/non-inferiority-test.ts';
import { pairedMarginTest, pairedMeanDifference, pairedZTest } from '../../../lib/stats/paired-mean-tests.ts';

// docs/metrics.md §4.3 test vectors (Miller 2024 §4): A = system a, B = system b on the same ten questions.
const A = [1, 1, 0, 1, 0, 1, 1, 1, 0, 1];
const B = [1, 0, 0, 1, 0, 0, 1, 1, 0, 0];

// Expected values computed with numpy/scipy 1.17: d = B − A; se = sqrt(Σ(d − d̄)²)/n;
// p = 2·scipy.stats.norm.sf(|d̄|/se); CR0 se = sqrt(Σ_c(Σ_{i∈c}(d_i − d̄))²)/n.
describe('pairedMeanDifference / pairedZTest', () => {
  it('gives B − A with the plug-in paired SE of docs/metrics.md §4.3 (0.144914)', () => {
    const result = pairedMeanDifference({ a: A, b: B });
    expect(result.diff).toBeCloseTo(-0.3, 15);
    expect(result.se).toBeCloseTo(0.14491376746189438, 14);
    expect(result.clusterCount).toBeNull();
  });

  it('matches scipy: z test p = 0.0384339 and 95% interval [−0.5840258, −0.0159742]', () => {
    const result = pairedZTest({ a: A, b: B });
    expect(result.pValue).toBeCloseTo(0.03843393023678171, 12);
    expect(result.lo).toBeCloseTo(-0.5840257650893254, 12);
    expect(result.hi).toBeCloseTo(-0.015974234910674623, 12);
  });

  it('uses the cluster-robust SE when questions share clusters (0.1095445, p = 0.0061699)', () => {
    const clusters = ['q1', 'q1', 'q2', 'q2', 'q3', 'q3', 'q4', 'q4', 'q5', 'q5'];
    const result = pairedZTest({ a: A, b: B, clusters });
    expect(result.se).toBeCloseTo(0.10954451150103321, 14);
    expect(result.pValue).toBeCloseTo(0.00616989932054416, 12);
    expect(result.clusterCount).toBe(5);
  });

  it('reports no interval rather than false certainty with a single cluster', () => {
    const result = pairedZTest({ a: A, b: B, clusters: A.map(() => 'all') });
    expect(result.se).toBeNull();
    expect(result.pValue).toBeNull();
    expect(result.lo).toBeNull();
  });

  it('gives p = 0 when every pair moved the same way (SE 0, non-zero difference) and 1 when nothing moved', () => {
    expect(pairedZTest({ a: [0, 0, 0], b: [1, 1, 1] }).pValue).toBe(0);
    expect(pairedZTest({ a: [1, 0, 1], b: [1, 0, 1] }).pValue).toBe(1);
  });
});

describe('pairedMarginTest (release gate on continuous or clustered scores)', () => {
  it('equals nonInferiorityTest exactly on unclustered pass/fail data', () => {
    const margin = 0.05;
    const binary = nonInferiorityTest({ a: A, b: B, margin });
    const general = pairedMarginTest({ a: A, b: B, margin });
    expect(general.se).toBeCloseTo(binary.se, 15);
    expect(general.z).toBeCloseTo(binary.z, 12);
    expect(general.pValue).toBeCloseTo(binary.pValue, 14);
    expect(general.inferior).toBe(binary.inferior);
  });

  it('matches scipy on partial-credit scores: drop 0.1, margin 0.05 → z = 1.7677670, p = 0.0385499 → inferior', () => {
    const a = [0.8, 0.6, 1, 0.4, 0.9, 0.7, 0.5, 1, 0.3, 0.6];
    const b = [0.7, 0.6, 0.8, 0.2, 0.9, 0.5, 0.5, 0.9, 0.1, 0.6];
    const result = pairedMarginTest({ a, b, margin: 0.05, alpha: 0.05 });
    expect(result.drop).toBeCloseTo(0.1, 12);
    expect(result.se).toBeCloseTo(0.028284271247461894, 14);
    expect(result.z).toBeCloseTo(1.7677669529663689, 10);
    expect(result.pValue).toBeCloseTo(0.03854993587177085, 10);
    expect(result.inferior).toBe(true);
    expect(pairedMarginTest({ a, b, margin: 0.05, alpha: 0.01 }).inferior).toBe(false);
  });

  it('never fails an improvement', () => {
    const result = pairedMarginTest({ a: B, b: A, margin: 0 });
    expect(result.drop).toBeCloseTo(-0.3, 15);
    expect(result.inferior).toBe(false);
  });

  it('rejects a negative margin and a two-sided alpha', () => {
    expect(() => pairedMarginTest({ a: A, b: B, margin: -0.1 })).toThrow(/margin must be ≥ 0/);
    expect(() => pairedMarginTest({ a: A, b: B, margin: 0.1, alpha: 0.5 })).toThrow(/alpha must be below 0.5/);
  });
});
