import { describe, expect, it } from 'vitest';
import { meanInterval } from '../../../lib/stats/mean-interval.ts';
import { standardError } from '../../../lib/stats/mean.ts';

describe('meanInterval', () => {
  it('uses the ddof-1 SE without clusters (inspect_ai test_stderr: values 0..9 → 0.9574271)', () => {
    // SE = sqrt(9.1666667/10) = 0.9574271077563381; CI = 4.5 ± 1.9599640·SE = [2.6234774, 6.3765226].
    const result = meanInterval(Array.from({ length: 10 }, (_, i) => i));
    expect(result).toMatchObject({ n: 10, mean: 4.5, seMethod: 'iid-ddof1', clusterCount: null, confidence: 0.95 });
    expect(result.se).toBeCloseTo(0.9574271077563381, 14);
    expect(result.lo).toBeCloseTo(2.6234773509752283, 12);
    expect(result.hi).toBeCloseTo(6.376522649024771, 12);
  });

  it('uses the clustered SE when clusters are given, widening the interval for correlated clusters', () => {
    // [1,1,1 | 0,0,0]: clustered SE = sqrt(4.5)/6 = 0.3535534 → 0.5 ± 1.959964·0.3535534 = [−0.1929519, 1.1929519]
    // versus ddof-1 SE sqrt(0.3/6) = 0.2236068 unclustered.
    const values = [1, 1, 1, 0, 0, 0];
    const clustered = meanInterval(values, { clusters: ['a', 'a', 'a', 'b', 'b', 'b'] });
    expect(clustered).toMatchObject({ seMethod: 'clustered-cr0', clusterCount: 2 });
    expect(clustered.lo).toBeCloseTo(-0.19295191217483865, 12);
    expect(clustered.hi).toBeCloseTo(1.1929519121748386, 12);
    expect(meanInterval(values).se).toBeCloseTo(0.22360679774997896, 14);
    const corrected = meanInterval(values, { clusters: ['a', 'a', 'a', 'b', 'b', 'b'], finiteClusterCorrection: true });
    expect(corrected).toMatchObject({ seMethod: 'clustered-finite-correction', se: expect.closeTo(0.5, 14) });
  });

  it('is null-safe: no values, one value, one cluster', () => {
    expect(meanInterval([])).toMatchObject({ n: 0, mean: null, se: null, lo: null, hi: null });
    expect(meanInterval([0.7])).toMatchObject({ n: 1, mean: 0.7, se: null, lo: null });
    expect(meanInterval([1, 0], { clusters: ['q', 'q'] })).toMatchObject({ mean: 0.5, se: null, clusterCount: 1 });
  });

  it('honours the confidence level', () => {
    // z(0.995) = 2.5758293035489 (statistics.NormalDist().inv_cdf(0.995)).
    const result = meanInterval([0, 1, 2, 3], { confidence: 0.99 });
    expect(result.hi! - result.mean!).toBeCloseTo(2.5758293035489 * standardError([0, 1, 2, 3])!, 12);
  });
});
