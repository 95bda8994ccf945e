import { describe, expect, it } from 'vitest';
import { clusteredStandardError } from '../../../lib/stats/clustered-standard-error.ts';

// SE = sqrt(Σ_c (Σ_{i∈c}(x_i − x̄))²)/n (Miller 2024, arXiv 2411.00640, CR0); with the
// finite-cluster correction, × sqrt(C/(C − 1)) as in inspect_ai `stderr(cluster=...)`.
describe('clusteredStandardError', () => {
  it('widens the SE by sqrt(cluster size) when clusters are perfectly correlated', () => {
    // [1,1,1 | 0,0,0]: x̄ = 0.5, cluster residual sums +1.5 and −1.5, Σ² = 4.5 → sqrt(4.5)/6 = 0.3535534.
    // Unclustered ddof-0 SE = sqrt(6·0.25)/6 = 0.2041241; ratio sqrt(3) (design effect 1 + (m − 1)ρ = 3).
    const se = clusteredStandardError([1, 1, 1, 0, 0, 0], ['a', 'a', 'a', 'b', 'b', 'b']);
    expect(se).toBeCloseTo(0.35355339059327373, 14);
    expect(se! / 0.20412414523193148).toBeCloseTo(Math.sqrt(3), 12);
    // C/(C − 1) = 2 → sqrt(2·4.5)/6 = 0.5.
    expect(clusteredStandardError([1, 1, 1, 0, 0, 0], ['a', 'a', 'a', 'b', 'b', 'b'], { finiteClusterCorrection: true })).toBeCloseTo(0.5, 14);
  });

  it('matches the docs/metrics.md §4.2 binary example (0.181621 CR0, 0.209718 with C/(C − 1))', () => {
    // s = [1,1,1 | 0,0,0 | 1,0,1 | 1,1,0], x̄ = 7/12; residual sums 5/4, −7/4, 1/4, 1/4 → Σ² = 76/16.
    // sqrt(4.75)/12 = 0.1816207893141947; × sqrt(4/3) = 0.20971762320196527 (plain Python).
    const values = [1, 1, 1, 0, 0, 0, 1, 0, 1, 1, 1, 0];
    const clusters = values.map((_, i) => Math.floor(i / 3));
    expect(clusteredStandardError(values, clusters)).toBeCloseTo(0.1816207893141947, 14);
    expect(clusteredStandardError(values, clusters, { finiteClusterCorrection: true })).toBeCloseTo(0.20971762320196527, 14);
  });

  it("matches inspect_ai's test (values 0..19, cluster = i mod 4): 0.5590170 CR0, 0.6454972 corrected", () => {
    // Σ_c (cluster residual sum)² = 125 → sqrt(125)/20 = 0.5590169943749475; × sqrt(4/3) = 0.6454972243679028.
    // Clustering shrinks the SE here (negative within-cluster correlation; naive ddof-0 SE 1.2893797).
    const values = Array.from({ length: 20 }, (_, i) => i);
    const clusters = values.map((i) => i % 4);
    expect(clusteredStandardError(values, clusters)).toBeCloseTo(0.5590169943749475, 14);
    expect(clusteredStandardError(values, clusters, { finiteClusterCorrection: true })).toBeCloseTo(0.6454972243679028, 14);
  });

  it('reduces to the ddof-0 SE with singleton clusters', () => {
    // values 0..9: sqrt(Σ(x − 4.5)²)/10 = sqrt(82.5)/10 = 0.9082951.
    const values = Array.from({ length: 10 }, (_, i) => i);
    expect(clusteredStandardError(values, values)).toBeCloseTo(Math.sqrt(82.5) / 10, 14);
  });

  it('returns null (n/a) for one cluster or no values, rather than a misleading 0', () => {
    expect(clusteredStandardError([1, 0, 1], ['x', 'x', 'x'])).toBeNull();
    expect(clusteredStandardError([], [])).toBeNull();
  });

  it('rejects mismatched lengths', () => {
    expect(() => clusteredStandardError([1, 0], ['a'])).toThrow('values and clusters must have the same length, got 2 and 1');
  });
});
