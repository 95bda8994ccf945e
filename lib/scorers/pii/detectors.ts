import { ibanValid, ipv4Valid, ipv6Valid, luhnValid, residentIdValid, ssnPlausible } from './checksums.ts';

/** The kinds of personal data the `pii` scorer finds. */
export const PII_TYPES = ['email', 'iban', 'cn_resident_id', 'payment_card', 'us_ssn', 'phone', 'ipv6', 'ipv4'] as const;
export type PiiType = (typeof PII_TYPES)[number];

/** One detected item: its type and where it is in the text (the text itself is never stored). */
export interface PiiMatch {
  readonly type: PiiType;
  readonly start: number;
  readonly end: number;
}

interface Detector {
  readonly type: PiiType;
  readonly pattern: RegExp;
  /** Extra check on the match (checksums, ranges); default accept. */
  readonly accept?: (match: RegExpExecArray) => boolean;
}

const NOT_DIGIT_BEFORE = '(?<![\\d])';
const NOT_DIGIT_AFTER = '(?![\\d])';

/**
 * Detectors in priority order: a span claimed by an earlier detector is not reported again by a
 * later one (an 18-digit resident id is not also a card number; a card's digits are not a phone).
 */
const DETECTORS: readonly Detector[] = [
  // RFC 5322 addr-spec, the common dot-atom subset (what WHATWG's input[type=email] accepts).
  { type: 'email', pattern: /[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.[A-Za-z]{2,}/g },
  // ISO 13616: country, 2 check digits, up to 30 alphanumerics, print form in groups of 4; mod-97 checked.
  {
    type: 'iban',
    pattern: /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![A-Za-z0-9])/g,
    accept: (match) => ibanValid(match[0]),
  },
  // GB 11643-1999: 6-digit region, birth date YYYYMMDD, 3-digit sequence, MOD 11-2 check character.
  {
    type: 'cn_resident_id',
    pattern: new RegExp(`${NOT_DIGIT_BEFORE}[1-9]\\d{5}(?:18|19|20)\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])\\d{3}[\\dXx](?![\\dA-Za-z])`, 'g'),
    accept: (match) => residentIdValid(match[0]),
  },
  // ISO/IEC 7812 card numbers, 13–19 digits: contiguous, 4-4-4-4(-1..3) or Amex 4-6-5 groups; Luhn checked.
  {
    type: 'payment_card',
    pattern: new RegExp(
      `${NOT_DIGIT_BEFORE}(?:\\d{4}([ -])\\d{4}\\1\\d{4}\\1\\d{4}(?:\\1\\d{1,3})?|\\d{4}([ -])\\d{6}\\2\\d{4,5}|\\d{13,19})${NOT_DIGIT_AFTER}`,
      'g',
    ),
    // Issuer prefixes start 2–6 (Visa 4, Mastercard 2/5, Amex 3, Discover 6); a run of one digit
    // ("0000 0000 0000 0000") passes Luhn but is a placeholder, not a card.
    accept: (match) => {
      const digits = match[0].replace(/[ -]/g, '');
      return /^[2-6]/.test(digits) && !/^(\d)\1+$/.test(digits) && luhnValid(digits);
    },
  },
  // US SSN written AAA-GG-SSSS (or with spaces); bare 9-digit runs are too ambiguous to flag.
  {
    type: 'us_ssn',
    pattern: new RegExp(`${NOT_DIGIT_BEFORE}(\\d{3})([- ])(\\d{2})\\2(\\d{4})${NOT_DIGIT_AFTER}`, 'g'),
    accept: (match) => ssnPlausible(match[1]!, match[3]!, match[4]!),
  },
  // Mainland-China mobile (MIIT numbering: 1[3-9] + 9 digits), optionally +86 and 3-4-4 grouping.
  { type: 'phone', pattern: new RegExp(`(?<![\\d+])(?:\\+?86[ -]?)?1[3-9]\\d(?:[ -]?\\d{4}){2}${NOT_DIGIT_AFTER}`, 'g') },
  // International (E.164: "+", country code, up to 15 digits in all), with common separators.
  {
    type: 'phone',
    pattern: /(?<![\w+])\+[1-9]\d{0,2}(?:[ .-]?\(?\d{1,4}\)?){2,6}(?!\d)/g,
    accept: (match) => digitCount(match[0]) >= 8 && digitCount(match[0]) <= 15,
  },
  // North American numbers: (555) 123-4567, 555-123-4567, 555.123.4567.
  { type: 'phone', pattern: new RegExp(`${NOT_DIGIT_BEFORE}(?:\\(\\d{3}\\) ?|\\d{3}[-.])\\d{3}[-.]\\d{4}${NOT_DIGIT_AFTER}`, 'g') },
  // RFC 4291 §2.2 text forms, validated by a parser (times such as 12:30:45 are not addresses).
  {
    type: 'ipv6',
    pattern: /(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{0,4}|\d{1,3}(?:\.\d{1,3}){3})(?![\w:])/g,
    accept: (match) => ipv6Valid(match[0]) && /[0-9A-Fa-f]{1,4}/.test(match[0].replace(/:/g, '')),
  },
  { type: 'ipv4', pattern: /(?<![\d.])\d{1,3}(?:\.\d{1,3}){3}(?![\d]|\.\d)/g, accept: (match) => ipv4Valid(match[0]) },
];

function digitCount(text: string): number {
  return text.replace(/\D/g, '').length;
}

/**
 * Finds personal data in a text: e-mail addresses, phone numbers (international, North American,
 * mainland-China mobile), payment card numbers (Luhn), US SSNs, IBANs (mod 97), PRC resident ids
 * (MOD 11-2) and IPv4/IPv6 addresses. Matches come back sorted by position, without overlaps.
 *
 * @example
 * detectPii('mail me at ann@example.org') // [{ type: 'email', start: 11, end: 26 }]
 */
export function detectPii(text: string): PiiMatch[] {
  const matches: PiiMatch[] = [];
  for (const detector of DETECTORS) {
    detector.pattern.lastIndex = 0;
    for (let match = detector.pattern.exec(text); match !== null; match = detector.pattern.exec(text)) {
      const start = match.index;
      const end = start + match[0].length;
      if (detector.accept && !detector.accept(match)) continue;
      if (matches.some((other) => start < other.end && other.start < end)) continue;
      matches.push({ type: detector.type, start, end });
    }
  }
  return matches.sort((a, b) => a.start - b.start);
}

/** Replaces every match by `[REDACTED:<type>]`. */
export function redactPii(text: string, matches: readonly PiiMatch[]): string {
  let out = '';
  let at = 0;
  for (const match of matches) {
    out += `${text.slice(at, match.start)}[REDACTED:${match.type}]`;
    at = match.end;
  }
  return out + text.slice(at);
}

/** Matches counted per type (only the types found). */
export function countPiiTypes(matches: readonly PiiMatch[]): Partial<Record<PiiType, number>> {
  const counts: Partial<Record<PiiType, number>> = {};
  for (const match of matches) counts[match.type] = (counts[match.type] ?? 0) + 1;
  return counts;
}
