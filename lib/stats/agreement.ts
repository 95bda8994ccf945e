/**
 * Chance-corrected agreement between raters: Cohen's κ for two, Fleiss' κ for several. Labels are
 * compared as categories (strings or numbers; equal when `===` after `String()`).
 */

/** A rating: a category (string) or a grade (number). */
export type Rating = string | number;

/**
 * Cohen's κ for two raters over the same items: κ = (p_o − p_e) / (1 − p_e), where p_o is the
 * observed agreement and p_e = Σ_k p_{1k} p_{2k} the agreement of the raters' marginals.
 * Cohen (1960), "A coefficient of agreement for nominal scales". Matches scikit-learn's
 * `cohen_kappa_score(y1, y2)` (unweighted; sklearn/metrics/_classification.py).
 * Null when p_e = 1 (both raters used one and the same label: κ is 0/0) or with no items.
 *
 * @example
 * cohenKappa(['a', 'a', 'b', 'b'], ['a', 'b', 'b', 'b']) // 0.5
 */
export function cohenKappa(first: readonly Rating[], second: readonly Rating[]): number | null {
  if (first.length !== second.length) throw new RangeError(`cohenKappa: the raters rated ${first.length} and ${second.length} items; give both the same items`);
  const n = first.length;
  if (n === 0) return null;
  const left = new Map<string, number>();
  const right = new Map<string, number>();
  let agreed = 0;
  for (let index = 0; index < n; index++) {
    const a = String(first[index]);
    const b = String(second[index]);
    if (a === b) agreed++;
    left.set(a, (left.get(a) ?? 0) + 1);
    right.set(b, (right.get(b) ?? 0) + 1);
  }
  let expected = 0;
  for (const [label, count] of left) expected += (count / n) * ((right.get(label) ?? 0) / n);
  if (expected === 1) return null;
  return (agreed / n - expected) / (1 - expected);
}

/**
 * Fleiss' κ for a fixed number m ≥ 2 of raters per item: with n_ij the raters putting item i in
 * category j, P_i = (Σ_j n_ij² − m) / (m(m − 1)), P̄ their mean, p_j the category shares and
 * P_e = Σ_j p_j², κ = (P̄ − P_e) / (1 − P_e). Fleiss (1971), "Measuring nominal scale agreement
 * among many raters"; matches statsmodels `fleiss_kappa(table, method='fleiss')`
 * (statsmodels/stats/inter_rater.py). Items rated by fewer raters than the others are dropped by
 * the caller (Fleiss' κ needs the same m for every item). Null when P_e = 1 or with no items.
 *
 * @param table one row per item: the count of raters per category (same categories in every row).
 */
export function fleissKappa(table: readonly (readonly number[])[]): number | null {
  if (table.length === 0) return null;
  const raters = table[0]!.reduce((sum, count) => sum + count, 0);
  if (raters < 2) throw new RangeError(`fleissKappa: each item needs two or more raters, got ${raters}`);
  const categories = table[0]!.length;
  const totals = new Array<number>(categories).fill(0);
  let agreement = 0;
  table.forEach((row, index) => {
    const rowRaters = row.reduce((sum, count) => sum + count, 0);
    if (rowRaters !== raters || row.length !== categories) {
      throw new RangeError(`fleissKappa: item ${index} has ${rowRaters} ratings in ${row.length} categories; expected ${raters} in ${categories}`);
    }
    let squares = 0;
    row.forEach((count, category) => {
      totals[category]! += count;
      squares += count * count;
    });
    agreement += (squares - raters) / (raters * (raters - 1));
  });
  const observed = agreement / table.length;
  const expected = totals.reduce((sum, total) => sum + (total / (table.length * raters)) ** 2, 0);
  if (expected === 1) return null;
  return (observed - expected) / (1 - expected);
}

/**
 * Builds Fleiss' table from ratings: one row per item, one rating per rater (null = missing).
 * Items with a missing rating are left out, since Fleiss' κ needs every item fully rated.
 */
export function fleissTable(ratings: readonly (readonly (Rating | null)[])[]): { table: number[][]; categories: string[]; dropped: number } {
  const complete = ratings.filter((row) => row.every((rating) => rating !== null));
  const categories = [...new Set(complete.flatMap((row) => row.map(String)))].sort();
  const table = complete.map((row) => categories.map((category) => row.filter((rating) => String(rating) === category).length));
  return { table, categories, dropped: ratings.length - complete.length };
}
