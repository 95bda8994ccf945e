/**
 * Check digits used to tell real identifiers from look-alike digit runs. Pure functions.
 */

/**
 * Luhn (mod 10) check of a digit string, as ISO/IEC 7812-1 Annex B specifies for payment card
 * numbers (H. P. Luhn, US patent 2,950,048): from the right, double every second digit, subtract
 * 9 from results over 9, and the sum must be a multiple of 10.
 *
 * @example
 * luhnValid('4111111111111111') // true
 * luhnValid('4111111111111112') // false
 */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    let digit = digits.charCodeAt(digits.length - 1 - index) - 48;
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/**
 * IBAN check (ISO 13616-1 §7, ISO 7064 MOD 97-10): move the first four characters to the end,
 * replace letters by 10..35, and the number mod 97 must be 1. Computed piecewise, so no bigint.
 *
 * @example
 * ibanValid('GB82WEST12345698765432') // true (the ISO 13616 example)
 */
export function ibanValid(iban: string): boolean {
  const compact = iban.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(compact)) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const value = char >= 'A' ? String(char.charCodeAt(0) - 55) : char;
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

const RESIDENT_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const RESIDENT_ID_CHECK = '10X98765432';

/**
 * Check character of an 18-character PRC resident identity number, GB 11643-1999 (ISO 7064
 * MOD 11-2): Σ digit_i · w_i mod 11 indexes "10X98765432".
 *
 * @example
 * residentIdValid('11010519491231002X') // true (the GB 11643-1999 example)
 */
export function residentIdValid(id: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(id)) return false;
  let sum = 0;
  for (let index = 0; index < 17; index++) sum += (id.charCodeAt(index) - 48) * RESIDENT_ID_WEIGHTS[index]!;
  return RESIDENT_ID_CHECK[sum % 11] === id[17]!.toUpperCase();
}

/**
 * A US Social Security number that could have been issued (SSA, "Social Security Number
 * Randomization", 2011): area not 000, 666 or 900–999; group not 00; serial not 0000.
 */
export function ssnPlausible(area: string, group: string, serial: string): boolean {
  const areaNumber = Number(area);
  return areaNumber !== 0 && areaNumber !== 666 && areaNumber < 900 && group !== '00' && serial !== '0000';
}

/** True for a syntactically valid IPv6 address (RFC 4291 §2.2, including `::` and an IPv4 tail). */
export function ipv6Valid(text: string): boolean {
  let address = text;
  if (address.includes('.')) {
    // An embedded IPv4 tail (`::ffff:192.0.2.1`) stands for two 16-bit groups.
    const at = address.lastIndexOf(':');
    if (at < 0 || !ipv4Valid(address.slice(at + 1))) return false;
    address = `${address.slice(0, at + 1)}0:0`;
  }
  const halves = address.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((half) => (half === '' ? [] : half.split(':')));
  if (groups.some((group) => !/^[0-9a-fA-F]{1,4}$/.test(group))) return false;
  return halves.length === 2 ? groups.length < 8 : groups.length === 8;
}

/** True for a dotted-quad IPv4 address, each octet 0–255 without leading zeros. */
export function ipv4Valid(text: string): boolean {
  const octets = text.split('.');
  return octets.length === 4 && octets.every((octet) => /^(0|[1-9]\d{0,2})$/.test(octet) && Number(octet) <= 255);
}
