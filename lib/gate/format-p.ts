/** p-values to 2 significant digits, small ones in exponent form. */
export function formatP(p: number): string {
  if (p === 0) return '0';
  if (p < 0.001) return p.toExponential(1);
  return Number(p.toPrecision(2)).toString();
}
