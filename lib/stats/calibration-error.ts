import { assertFinite, assertInteger } from './validate.ts';

/** One answer for calibration: the confidence the model had in it (0..1) and whether it was right. */
export interface CalibrationItem {
  readonly confidence: number;
  readonly correct: boolean;
}

/**
 * How confidences are cut into bins.
 * - `equal-mass`: bins holding (nearly) the same number of answers, as HELM's `ece_10_bin`
 *   (`calibration.get_ece_em`, Kumar et al. 2019, p-lambda/verified_calibration `get_equal_bins`);
 * - `equal-width`: [0, 1/k], (1/k, 2/k], ... as Guo et al. (2017) (`calibration.get_ece`).
 */
export type Binning = 'equal-mass' | 'equal-width';

/** Options of the binned calibration errors. */
export interface BinningOptions {
  /** Number of bins. @default 10 (HELM's `ece_10_bin`) */
  readonly bins?: number;
  /** @default 'equal-mass' */
  readonly binning?: Binning;
}

/** One bin of a reliability diagram: its bounds, its answers, and how far confidence is from accuracy. */
export interface CalibrationBin {
  /** Lower bound (exclusive, except 0 for the first bin) and upper bound (inclusive). */
  readonly lo: number;
  readonly hi: number;
  readonly n: number;
  /** Mean confidence and accuracy of the bin's answers; null for an empty bin. */
  readonly meanConfidence: number | null;
  readonly accuracy: number | null;
}

/**
 * The bins of a reliability diagram, with every answer placed in one.
 *
 * Bin edges follow p-lambda/verified_calibration (`calibration/utils.py`, the library HELM calls):
 * equal-width edges are `i / k` for i = 1..k; equal-mass edges split the sorted confidences into k
 * near-equal parts (numpy `array_split`: the first n mod k parts one larger), put each edge halfway
 * between one part's last value and the next part's first, end with 1.0, and drop duplicate edges
 * (so tied confidences can leave fewer than k bins). An answer goes to the first bin whose upper
 * edge is ≥ its confidence (numpy `searchsorted`, side left). With fewer answers than bins, each
 * answer gets its own part.
 */
export function calibrationBins(items: readonly CalibrationItem[], options: BinningOptions = {}): CalibrationBin[] {
  const fn = 'calibrationBins';
  const count = options.bins ?? 10;
  assertInteger(fn, 'bins', count, 1);
  checkItems(fn, items);
  if (items.length === 0) return [];
  const edges = options.binning === 'equal-width' ? equalWidthEdges(count) : equalMassEdges(items, count);
  const sums = edges.map(() => ({ n: 0, confidence: 0, correct: 0 }));
  for (const item of items) {
    const bin = sums[binIndex(edges, item.confidence)]!;
    bin.n++;
    bin.confidence += item.confidence;
    if (item.correct) bin.correct++;
  }
  return sums.map((sum, index) => ({
    lo: index === 0 ? 0 : edges[index - 1]!,
    hi: edges[index]!,
    n: sum.n,
    meanConfidence: sum.n === 0 ? null : sum.confidence / sum.n,
    accuracy: sum.n === 0 ? null : sum.correct / sum.n,
  }));
}

/**
 * Expected calibration error: Σ_b (n_b / n) · |mean confidence_b − accuracy_b| over the bins
 * (Naeini et al. 2015; Guo et al. 2017, eq. 3); the plug-in estimate without debiasing, as HELM's
 * `ece_10_bin` (`get_ece_em(probs, correct, num_bins=10)`, debias=False). Null with no answers.
 *
 * @example
 * expectedCalibrationError(items, { bins: 10, binning: 'equal-mass' }) // HELM ece_10_bin
 */
export function expectedCalibrationError(items: readonly CalibrationItem[], options: BinningOptions = {}): number | null {
  const bins = calibrationBins(items, options);
  if (bins.length === 0) return null;
  let total = 0;
  for (const bin of bins) if (bin.n > 0) total += (bin.n / items.length) * Math.abs(bin.meanConfidence! - bin.accuracy!);
  return total;
}

/**
 * Maximum calibration error: the largest |mean confidence − accuracy| over the non-empty bins
 * (Naeini et al. 2015; Guo et al. 2017, eq. 5). Null with no answers.
 */
export function maximumCalibrationError(items: readonly CalibrationItem[], options: BinningOptions = {}): number | null {
  const bins = calibrationBins(items, options);
  if (bins.length === 0) return null;
  let worst = 0;
  for (const bin of bins) if (bin.n > 0) worst = Math.max(worst, Math.abs(bin.meanConfidence! - bin.accuracy!));
  return worst;
}

/**
 * Brier score of confidence for correctness: mean of (confidence − correct)², lower is better
 * (Brier 1950); equals scikit-learn `brier_score_loss(correct, confidence)`. Null with no answers.
 */
export function brierScore(items: readonly CalibrationItem[]): number | null {
  checkItems('brierScore', items);
  if (items.length === 0) return null;
  let total = 0;
  for (const item of items) total += (item.confidence - (item.correct ? 1 : 0)) ** 2;
  return total / items.length;
}

function equalWidthEdges(count: number): number[] {
  // i / k, as Python's `i * 1.0 / num_bins`: the same IEEE division, so the same edges.
  return Array.from({ length: count }, (_, index) => (index + 1) / count);
}

function equalMassEdges(items: readonly CalibrationItem[], count: number): number[] {
  const sorted = items.map((item) => item.confidence).sort((a, b) => a - b);
  const parts = Math.min(count, sorted.length);
  const base = Math.floor(sorted.length / parts);
  const larger = sorted.length % parts;
  const edges: number[] = [];
  let start = 0;
  for (let part = 0; part < parts - 1; part++) {
    const end = start + base + (part < larger ? 1 : 0);
    edges.push((sorted[end - 1]! + sorted[end]!) / 2);
    start = end;
  }
  edges.push(1);
  return [...new Set(edges)].sort((a, b) => a - b);
}

/** Index of the first edge ≥ value (numpy searchsorted, side left). */
function binIndex(edges: readonly number[], value: number): number {
  let lo = 0;
  let hi = edges.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function checkItems(fn: string, items: readonly CalibrationItem[]): void {
  items.forEach((item, index) => {
    assertFinite(fn, `items[${index}].confidence`, item.confidence);
    if (item.confidence < 0 || item.confidence > 1) {
      throw new RangeError(`${fn}: items[${index}].confidence must be in [0, 1], got ${item.confidence}`);
    }
  });
}
