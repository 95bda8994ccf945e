/**
 * Calibration metrics against the reference implementations, on two worked examples.
 *
 * Expected values were printed by the reference code itself (Python 3.11, numpy 2.4,
 * scikit-learn 1.9): p-lambda/verified_calibration `calibration/utils.py` — the library HELM's
 * `src/helm/benchmark/metrics/basic_metrics.py` calls (`cal.get_ece_em(max_probs, correct,
 * num_bins=10)` for `ece_10_bin`, `cal.get_ece` for equal-width, `cal.get_selective_stats` for
 * `selective_cov_acc_area`) — and scikit-learn `brier_score_loss`, `roc_auc_score`. MCE has no
 * library function: it is max |difference_mean(bin)| over the library's own non-empty bins.
 */
import { describe, expect, it } from 'vitest';
import {
  brierScore,
  calibrationBins,
  confidenceAuroc,
  coverageAccuracyArea,
  expectedCalibrationError,
  maximumCalibrationError,
  selectiveAccuracy,
  type CalibrationItem,
} from '../../../lib/stats/index.ts';

function items(confidences: number[], correct: number[]): CalibrationItem[] {
  return confidences.map((confidence, index) => ({ confidence, correct: correct[index] === 1 }));
}

// Example A: 12 answers, one tie (0.9, 0.9).
const A = items([0.95, 0.9, 0.85, 0.8, 0.7, 0.65, 0.6, 0.55, 0.4, 0.3, 0.9, 0.2], [1, 1, 0, 1, 1, 0, 1, 0, 0, 1, 1, 0]);
// Example B: 40 answers, numpy default_rng(16), confidences rounded to 0.01 (many ties).
const B = items(
  [0.65, 0.54, 0.28, 0.48, 0.7, 0.22, 0.9, 0.88, 0.24, 0.84, 0.35, 0.76, 0.32, 0.75, 0.97, 0.99, 0.73, 0.33, 0.52, 0.42,
    0.96, 0.44, 0.65, 0.53, 0.31, 0.51, 0.82, 0.53, 0.74, 0.67, 0.26, 0.78, 0.74, 0.84, 0.32, 0.98, 0.89, 0.92, 0.97, 0.7],
  [1, 1, 0, 0, 0, 1, 0, 1, 1, 0, 0, 1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 0, 0, 1, 1, 0, 1, 0, 1, 1, 0, 0, 1, 0, 1, 1, 1],
);

describe('expected calibration error', () => {
  it('equal-mass bins give HELM ece_10_bin (get_ece_em)', () => {
    expect(expectedCalibrationError(A, { bins: 10, binning: 'equal-mass' })).toBeCloseTo(0.3416666666666666, 12);
    expect(expectedCalibrationError(B, { bins: 10 })).toBeCloseTo(0.18975, 12);
    expect(expectedCalibrationError(A, { bins: 5 })).toBeCloseTo(0.175, 12);
    expect(expectedCalibrationError(B, { bins: 5 })).toBeCloseTo(0.11075, 12);
  });

  it('equal-width bins give get_ece (Guo et al.)', () => {
    expect(expectedCalibrationError(A, { bins: 10, binning: 'equal-width' })).toBeCloseTo(0.225, 12);
    expect(expectedCalibrationError(A, { bins: 4, binning: 'equal-width' })).toBeCloseTo(0.11666666666666671, 12);
    expect(expectedCalibrationError(B, { bins: 10, binning: 'equal-width' })).toBeCloseTo(0.18975, 12);
    expect(expectedCalibrationError(B, { bins: 4, binning: 'equal-width' })).toBeCloseTo(0.18775, 12);
  });

  it('puts a confidence on an edge into the lower bin, and with fewer answers than bins one answer per bin', () => {
    const edge = calibrationBins(items([0.1, 0.2, 0.25], [1, 0, 0]), { bins: 10, binning: 'equal-width' });
    expect(edge.map((bin) => bin.n)).toEqual([1, 1, 1, 0, 0, 0, 0, 0, 0, 0]);
    const few = calibrationBins(items([0.3, 0.9], [0, 1]), { bins: 10 });
    expect(few.map((bin) => [bin.hi, bin.n])).toEqual([[0.6, 1], [1, 1]]);
  });

  it('is 0 for a perfectly calibrated set and |c − accuracy| for one confidence', () => {
    expect(expectedCalibrationError(items([0.5, 0.5, 1, 1], [1, 0, 1, 1]), { bins: 2, binning: 'equal-width' })).toBe(0);
    expect(expectedCalibrationError(items([1, 1, 1, 1], [1, 0, 0, 0]))).toBe(0.75);
    expect(expectedCalibrationError([])).toBeNull();
  });

  it('rejects a confidence outside [0, 1]', () => {
    expect(() => expectedCalibrationError(items([1.2], [1]))).toThrow(/confidence must be in \[0, 1\], got 1.2/);
  });
});

describe('maximum calibration error', () => {
  it('is the worst bin gap over the reference library bins', () => {
    expect(maximumCalibrationError(A, { bins: 10, binning: 'equal-width' })).toBeCloseTo(0.7, 12);
    expect(maximumCalibrationError(A, { bins: 10, binning: 'equal-mass' })).toBeCloseTo(0.85, 12);
    expect(maximumCalibrationError(B, { bins: 10, binning: 'equal-width' })).toBeCloseTo(0.5283333333333333, 12);
    expect(maximumCalibrationError(B, { bins: 10, binning: 'equal-mass' })).toBeCloseTo(0.4175, 12);
  });
});

describe('Brier score and AUROC', () => {
  it('equal scikit-learn brier_score_loss and roc_auc_score', () => {
    expect(brierScore(A)).toBeCloseTo(0.20416666666666664, 12);
    expect(brierScore(B)).toBeCloseTo(0.2372375, 12);
    expect(confidenceAuroc(A)).toBeCloseTo(0.7714285714285715, 12);
    expect(confidenceAuroc(B)).toBeCloseTo(0.6942355889724311, 12);
  });

  it('AUROC is undefined when every answer is right', () => {
    expect(confidenceAuroc(items([0.2, 0.9], [1, 1]))).toBeNull();
  });
});

describe('selective accuracy', () => {
  it('the area under the coverage-accuracy curve is HELM selective_cov_acc_area', () => {
    expect(coverageAccuracyArea(A)).toBeCloseTo(0.7778318903318905, 12);
    // B has ties between right and wrong answers; ties keep input order (numpy argsort kind="stable": 0.69090...).
    expect(coverageAccuracyArea(B)).toBeCloseTo(0.6909025943364405, 12);
  });

  it('keeps the top ceil(c·n) answers by confidence', () => {
    expect(selectiveAccuracy(B, 0.5)).toBeCloseTo(0.65, 12);
    expect(selectiveAccuracy(B, 0.25)).toBeCloseTo(0.7, 12);
    expect(selectiveAccuracy(A, 1)).toBeCloseTo(7 / 12, 12);
    expect(selectiveAccuracy(A, 0.1)).toBe(1);
    expect(() => selectiveAccuracy(A, 0)).toThrow(/coverage must be in \(0, 1\]/);
  });
});

/**
 * The reference library's own test cases (p-lambda/verified_calibration `calibration/util_test.py`:
 * `test_get_*_equal_bins`, `test_1d_ece_em`, the binary part of `test_ece`), as inputs and expected values.
 */
describe('verified_calibration util_test.py cases', () => {
  const edges = (probs: number[], bins: number) => calibrationBins(probs.map((confidence) => ({ confidence, correct: false })), { bins }).map((bin) => bin.hi);

  it.each<[number[], number, number[]]>([
    [[0.3, 0.5, 0.2, 0.3, 0.5, 0.7], 1, [1]],
    [[0.3, 0.5, 0.2, 0.3, 0.5, 0.7], 2, [0.4, 1]],
    [[0.3, 0.5, 0.2, 0.3, 0.5, 0.7], 3, [0.3, 0.5, 1]],
    [[0.3, 0.5, 1, 1, 1, 1], 3, [0.75, 1]],
    [[0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9], 3, [0.55, 0.75, 1]],
    [[0.3], 2, [1]],
    [[0.3], 5, [1]],
    [[0.3, 0.5], 5, [0.4, 1]],
  ])('get_equal_bins(%j, %d) = %j', (probs, bins, expected) => {
    const got = edges(probs, bins);
    expect(got).toHaveLength(expected.length);
    for (const [index, edge] of got.entries()) expect(edge).toBeCloseTo(expected[index]!, 12);
  });

  it.each<[number[], number[], number, number]>([
    [[0.1], [1], 1, 0.9],
    [[0.1], [0], 1, 0.1],
    [[0.1, 0.7], [0, 1], 1, 0.1],
    [[0.7, 0.1], [1, 0], 1, 0.1],
    [[0.1, 0.7, 0.4], [0, 0, 0], 1, 0.4],
    [[0.1, 0.9], [0, 1], 1, 0],
    [[0.1, 0.7], [0, 1], 2, 0.2],
    [[0.1, 0.1, 0.7], [0, 1, 1], 2, (0.4 * 2) / 3 + (0.3 * 1) / 3],
    [[0.1, 0.1, 0.1, 0.1, 0.7], [0, 1, 0, 0, 1], 2, (0.15 * 4) / 5 + (0.3 * 1) / 5],
    [[0.1, 0.7, 0.5, 0.9], [0, 1, 0, 1], 2, 0.25],
    [[0.1, 0.7, 0.5, 0.9], [0, 1, 0, 1], 4, 0.25],
    [[0.6, 0.7, 0.8, 0.9], [0, 0, 1, 1], 2, 0.4],
    [[0.1, 0.7, 0.5, 0.9], [0, 1, 1, 1], 2, 0.2],
    [[0.1, 0.7, 0.5, 0.9], [0, 1, 1, 1], 4, 0.25],
  ])('get_ece_em(%j, %j, num_bins=%d) = %d', (probs, correct, bins, expected) => {
    expect(expectedCalibrationError(items(probs, correct), { bins })).toBeCloseTo(expected, 12);
    if (bins === 1) expect(expectedCalibrationError(items(probs, correct), { bins, binning: 'equal-width' })).toBeCloseTo(expected, 12);
  });

  it('get_ece([0.6, 0.7, 0.8, 0.9], [0, 0, 1, 1], num_bins=2) = 0.25', () => {
    expect(expectedCalibrationError(items([0.6, 0.7, 0.8, 0.9], [0, 0, 1, 1]), { bins: 2, binning: 'equal-width' })).toBeCloseTo(0.25, 12);
  });
});
