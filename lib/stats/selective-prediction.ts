import type { CalibrationItem } from './calibration-error.ts';

/** One point of the coverage–accuracy curve: answering only the `coverage` share most confident. */
export interface CoveragePoint {
  readonly coverage: number;
  readonly accuracy: number;
}

/**
 * AUROC of confidence as a predictor of correctness: the probability that a random right answer
 * has higher confidence than a random wrong one, ties counting ½ (Mann–Whitney U / (n₊·n₋), with
 * mid-ranks). Equals scikit-learn `roc_auc_score(correct, confidence)`. Null when every answer is
 * right or every answer is wrong (sklearn raises there: the AUROC is undefined).
 */
export function confidenceAuroc(items: readonly CalibrationItem[]): number | null {
  const positives = items.filter((item) => item.correct).length;
  const negatives = items.length - positives;
  if (positives === 0 || negatives === 0) return null;
  const order = items.map((item, index) => ({ confidence: item.confidence, index })).sort((a, b) => a.confidence - b.confidence);
  let rankSumOfPositives = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]!.confidence === order[start]!.confidence) end++;
    const midRank = (start + end) / 2 + 1;
    for (let at = start; at <= end; at++) if (items[order[at]!.index]!.correct) rankSumOfPositives += midRank;
    start = end + 1;
  }
  return (rankSumOfPositives - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/**
 * Answers ordered from the most to the least confident. Ties keep their input order (a stable
 * sort); HELM's `np.argsort(-probs)` leaves the order of ties to numpy's quicksort.
 */
function byConfidence(items: readonly CalibrationItem[]): CalibrationItem[] {
  return [...items].sort((a, b) => b.confidence - a.confidence);
}

/**
 * Accuracy of the answers kept when only the `coverage` share most confident is answered: the top
 * ⌈coverage·n⌉ (at least one) by confidence. Null with no answers.
 */
export function selectiveAccuracy(items: readonly CalibrationItem[], coverage: number): number | null {
  if (!(coverage > 0 && coverage <= 1)) throw new RangeError(`selectiveAccuracy: coverage must be in (0, 1], got ${coverage}`);
  if (items.length === 0) return null;
  const kept = Math.max(1, Math.ceil(coverage * items.length - 1e-9));
  let correct = 0;
  for (const item of byConfidence(items).slice(0, kept)) if (item.correct) correct++;
  return correct / kept;
}

/**
 * The whole coverage–accuracy curve: for k = 1..n, the accuracy of the k most confident answers
 * at coverage k/n. Its mean is HELM's `selective_cov_acc_area` (`calibration.get_selective_stats`).
 */
export function coverageAccuracyCurve(items: readonly CalibrationItem[]): CoveragePoint[] {
  const points: CoveragePoint[] = [];
  let correct = 0;
  byConfidence(items).forEach((item, index) => {
    if (item.correct) correct++;
    points.push({ coverage: (index + 1) / items.length, accuracy: correct / (index + 1) });
  });
  return points;
}

/** Area under the coverage–accuracy curve (mean of its accuracies), as HELM's `selective_cov_acc_area`; null with no answers. */
export function coverageAccuracyArea(items: readonly CalibrationItem[]): number | null {
  if (items.length === 0) return null;
  const curve = coverageAccuracyCurve(items);
  return curve.reduce((sum, point) => sum + point.accuracy, 0) / curve.length;
}
