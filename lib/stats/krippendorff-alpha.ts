/** The level of measurement, which sets the difference function δ² of Krippendorff's α. */
export type AlphaLevel = 'nominal' | 'ordinal' | 'interval';

/**
 * Krippendorff's α: 1 − D_o / D_e over a units × raters table with missing values (null).
 * Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", §§ "Nominal", "Ordinal",
 * "Interval": from the coincidence matrix o_ck = Σ_u (pairs of values c, k in unit u) / (m_u − 1)
 * over units with m_u ≥ 2 values, n_c = Σ_k o_ck and n = Σ_c n_c,
 *   α = 1 − (n − 1) · Σ_{c,k} o_ck δ²_ck / Σ_{c,k} n_c n_k δ²_ck,
 * with δ² = [c ≠ k] (nominal), (c − k)² (interval), and for ordinal data
 * (Σ_{g=c..k} n_g − (n_c + n_k) / 2)² over the ranked values present. This is what the
 * `krippendorff` Python package (pln-fing-udelar/fast-krippendorff, krippendorff.py) computes;
 * the tests check its values. Null when fewer than two values are pairable or when every
 * pairable value is the same (D_e = 0).
 *
 * @param units one row per unit (item): its values from each rater, null where a rater gave none.
 *   For `nominal`, values may be strings; `ordinal` and `interval` need numbers.
 */
export function krippendorffAlpha(units: readonly (readonly (string | number | null)[])[], level: AlphaLevel = 'nominal'): number | null {
  const pairable = units.map((unit) => unit.filter((value): value is string | number => value !== null)).filter((values) => values.length >= 2);
  const keys = [...new Set(pairable.flat().map(keyOf))];
  if (level !== 'nominal') {
    for (const key of keys) if (!Number.isFinite(Number(key.slice(2)))) throw new RangeError(`krippendorffAlpha: ${level} data must be numbers, got ${key.slice(2)}`);
    keys.sort((x, y) => Number(x.slice(2)) - Number(y.slice(2)));
  }
  if (keys.length === 0) return null;
  const index = new Map(keys.map((key, position) => [key, position]));
  const size = keys.length;
  const coincidences = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  for (const values of pairable) {
    const weight = 1 / (values.length - 1);
    for (let i = 0; i < values.length; i++) {
      for (let j = 0; j < values.length; j++) {
        if (i === j) continue;
        coincidences[index.get(keyOf(values[i]!))!]![index.get(keyOf(values[j]!))!]! += weight;
      }
    }
  }
  const totals = coincidences.map((row) => row.reduce((sum, value) => sum + value, 0));
  const n = totals.reduce((sum, value) => sum + value, 0);
  const delta = differenceFunction(level, keys, totals);
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < size; c++) {
    for (let k = 0; k < size; k++) {
      const d = delta(c, k);
      observed += coincidences[c]![k]! * d;
      expected += totals[c]! * totals[k]! * d;
    }
  }
  if (expected === 0) return null;
  return 1 - ((n - 1) * observed) / expected;
}

// Values are keyed with their type so that 1 and "1" stay apart in nominal data.
function keyOf(value: string | number): string {
  return `${typeof value === 'number' ? 'n' : 's'}:${value}`;
}

function differenceFunction(level: AlphaLevel, keys: readonly string[], totals: readonly number[]): (c: number, k: number) => number {
  if (level === 'nominal') return (c, k) => (c === k ? 0 : 1);
  const numbers = keys.map((key) => Number(key.slice(2)));
  if (level === 'interval') return (c, k) => (numbers[c]! - numbers[k]!) ** 2;
  const cumulative = [0];
  for (const total of totals) cumulative.push(cumulative.at(-1)! + total);
  return (c, k) => {
    const [lo, hi] = c <= k ? [c, k] : [k, c];
    const between = cumulative[hi + 1]! - cumulative[lo]!;
    return (between - (totals[c]! + totals[k]!) / 2) ** 2;
  };
}
