/**
 * Money for people: whole cents from $1 up (`$12.34`), three significant digits below
 * (`$0.45`, `$0.0000103`), so a cost per correct answer of 1.03e-5 never reads as `$0.0000`.
 *
 * @example formatUsd(0.0000103) // "$0.0000103"
 */
export function formatUsd(value: number): string {
  if (!Number.isFinite(value)) return '—';
  if (value === 0) return '$0';
  const sign = value < 0 ? '−' : '';
  const magnitude = Math.abs(value);
  if (magnitude >= 1) return `${sign}$${magnitude.toFixed(2)}`;
  const decimals = Math.min(20, 2 - Math.floor(Math.log10(magnitude)));
  const digits = magnitude.toFixed(decimals).replace(/0+$/, '');
  const [whole, fraction = ''] = digits.split('.');
  return `${sign}$${whole}.${fraction.padEnd(2, '0')}`;
}
