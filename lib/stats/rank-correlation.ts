/**
 * Rank correlations for judge–human agreement on a scale.
 */

/** Average ranks (1-based; ties share the mean of their positions), as scipy's `rankdata`. */
export function averageRanks(values: readonly number[]): number[] {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const ranks = new Array<number>(values.length);
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]!.value === order[start]!.value) end++;
    const rank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) ranks[order[k]!.index] = rank;
    start = end + 1;
  }
  return ranks;
}

/**
 * Spearman's ρ: Pearson's r of the average ranks, as scipy.stats.spearmanr. Null with fewer
 * than two pairs or when either side is constant.
 */
export function spearmanRho(x: readonly number[], y: readonly number[]): number | null {
  checkPaired('spearmanRho', x, y);
  return pearson(averageRanks(x), averageRanks(y));
}

/**
 * Kendall's τ-b, which corrects for ties on either side:
 * τ_b = (P − Q) / sqrt((n₀ − n₁)(n₀ − n₂)), with P concordant and Q discordant pairs,
 * n₀ = n(n−1)/2 and n₁, n₂ the pairs tied in x and in y (Kendall 1945, "The treatment of ties
 * in ranking problems"); scipy.stats.kendalltau's default variant. O(n²), fine for the few
 * hundred human labels a validation set has. Null when either side is constant.
 */
export function kendallTauB(x: readonly number[], y: readonly number[]): number | null {
  checkPaired('kendallTauB', x, y);
  const n = x.length;
  let concordant = 0;
  let discordant = 0;
  let tiedX = 0;
  let tiedY = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const dx = Math.sign(x[i]! - x[j]!);
      const dy = Math.sign(y[i]! - y[j]!);
      if (dx === 0) tiedX++;
      if (dy === 0) tiedY++;
      if (dx !== 0 && dy !== 0) {
        if (dx === dy) concordant++;
        else discordant++;
      }
    }
  }
  const pairs = (n * (n - 1)) / 2;
  const denominator = Math.sqrt((pairs - tiedX) * (pairs - tiedY));
  return denominator === 0 ? null : (concordant - discordant) / denominator;
}

function pearson(x: readonly number[], y: readonly number[]): number | null {
  const n = x.length;
  if (n < 2) return null;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  return sxx === 0 || syy === 0 ? null : sxy / Math.sqrt(sxx * syy);
}

function checkPaired(fn: string, x: readonly number[], y: readonly number[]): void {
  if (x.length !== y.length) throw new RangeError(`${fn}: x has ${x.length} values and y ${y.length}; give pairs`);
}
