/** Extra decimals a percentage may take so that a non-perfect rate never shows as 100% (or 0%). */
const MAX_EXTRA_DIGITS = 4;

/**
 * A rate in [0, 1] as a percentage with `digits` decimals (without the % sign), except that a
 * rate below 1 never reads as 100.0 and a rate above 0 never reads as 0.0: such a rate gets the
 * decimals it needs (0.9995 → "99.95", 0.00004 → "0.004"), so an error is never hidden by
 * rounding. Other values are formatted plainly.
 */
export function formatPercent(value: number, digits = 1): string {
  const plain = (value * 100).toFixed(digits);
  const misleads = (text: string) => (value < 1 && value > 0 && (Number(text) >= 100 || Number(text) <= 0));
  if (!misleads(plain)) return plain;
  for (let extra = 1; extra <= MAX_EXTRA_DIGITS; extra++) {
    const text = (value * 100).toFixed(digits + extra);
    if (!misleads(text)) return text;
  }
  const places = digits + MAX_EXTRA_DIGITS;
  const scale = 10 ** places;
  const bounded = value > 0.5 ? Math.floor(value * 100 * scale) / scale : Math.ceil(value * 100 * scale) / scale;
  return bounded.toFixed(places);
}
