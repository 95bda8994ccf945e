/**
 * Holm step-down adjusted p-values, returned in the input order.
 *
 * S. Holm (1979), "A Simple Sequentially Rejective Multiple Test Procedure", Scand. J. Statist.
 * 6:65–70. With p sorted ascending, p̃_(i) = max_{j ≤ i} min(1, (m − j + 1)·p_(j)) (1-based), which
 * is monotone and capped at 1; reject H_i at level α when p̃_i ≤ α. Matches statsmodels
 * `multipletests(p, method='holm')[1]` and R `p.adjust(p, "holm")`. Ties keep input order
 * (a stable sort), which does not change the adjusted values.
 *
 * @example
 * holmAdjust([0.01, 0.04, 0.03, 0.005]); // [0.03, 0.06, 0.06, 0.02]
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  pValues.forEach((p, index) => {
    if (typeof p !== 'number' || !(p >= 0 && p <= 1)) {
      throw new RangeError(`holmAdjust: pValues[${index}] must be a number from 0 to 1, got ${String(p)}`);
    }
  });
  const m = pValues.length;
  const order = pValues.map((_, index) => index).sort((i, j) => pValues[i] - pValues[j]);
  const adjusted = new Array<number>(m);
  let runningMax = 0;
  order.forEach((originalIndex, rank) => {
    runningMax = Math.max(runningMax, Math.min(1, (m - rank) * pValues[originalIndex]));
    adjusted[originalIndex] = runningMax;
  });
  return adjusted;
}
