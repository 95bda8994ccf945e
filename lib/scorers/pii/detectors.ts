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

/** Group 0 (the whole match) and the capture groups, as `RegExp#exec` gives them. */
type Groups = { readonly 0: string; readonly [group: number]: string | undefined };

/** A match: where it is, and its groups. */
interface Found {
  readonly index: number;
  readonly end: number;
  readonly groups: Groups;
}

interface Detector {
  readonly type: PiiType;
  /** The matches in order, each search starting where the last ended. */
  readonly find: (text: string) => Iterable<Found>;
  /** Extra check on the match (checksums, ranges); default accept. */
  readonly accept?: (match: Groups) => boolean;
}

const NOT_DIGIT_BEFORE = '(?<![\\d])';
const NOT_DIGIT_AFTER = '(?![\\d])';

/**
 * Native `RegExp` is backtracking, and these run on untrusted model output, so each pattern below
 * is linear by construction: every quantifier is bounded (`{m,n}`, `?`) and every lookaround looks
 * at one character, so a match attempt at any position takes a bounded number of steps whatever
 * the text, and a scan takes time linear in it. The one shape that needs an unbounded run, an
 * e-mail address, is found from its `@` instead ({@link findEmails}).
 * test/unit/scorers/output-patterns-linear-time.test.ts runs them on adversarial 1 MB outputs.
 */
function findAll(pattern: RegExp): (text: string) => Iterable<Found> {
  return function* (text) {
    const scan = new RegExp(pattern); // a copy: its own lastIndex, so scans never share state
    for (let match = scan.exec(text); match !== null; match = scan.exec(text)) {
      yield { index: match.index, end: match.index + match[0].length, groups: match };
    }
  };
}

const DETECTORS: readonly Detector[] = [
  // RFC 5322 addr-spec, the common dot-atom subset (what WHATWG's input[type=email] accepts).
  { type: 'email', find: findEmails },
  // ISO 13616: country, 2 check digits, up to 30 alphanumerics, print form in groups of 4; mod-97 checked.
  {
    type: 'iban',
    find: findAll(/(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![A-Za-z0-9])/g),
    accept: (match) => ibanValid(match[0]),
  },
  // GB 11643-1999: 6-digit region, birth date YYYYMMDD, 3-digit sequence, MOD 11-2 check character.
  {
    type: 'cn_resident_id',
    find: findAll(new RegExp(`${NOT_DIGIT_BEFORE}[1-9]\\d{5}(?:18|19|20)\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])\\d{3}[\\dXx](?![\\dA-Za-z])`, 'g')),
    accept: (match) => residentIdValid(match[0]),
  },
  // ISO/IEC 7812 card numbers, 13–19 digits: contiguous, 4-4-4-4(-1..3) or Amex 4-6-5 groups; Luhn checked.
  {
    type: 'payment_card',
    find: findAll(new RegExp(
      `${NOT_DIGIT_BEFORE}(?:\\d{4}([ -])\\d{4}\\1\\d{4}\\1\\d{4}(?:\\1\\d{1,3})?|\\d{4}([ -])\\d{6}\\2\\d{4,5}|\\d{13,19})${NOT_DIGIT_AFTER}`,
      'g',
    )),
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
    find: findAll(new RegExp(`${NOT_DIGIT_BEFORE}(\\d{3})([- ])(\\d{2})\\2(\\d{4})${NOT_DIGIT_AFTER}`, 'g')),
    accept: (match) => ssnPlausible(match[1]!, match[3]!, match[4]!),
  },
  // Mainland-China mobile (MIIT numbering: 1[3-9] + 9 digits), optionally +86 and 3-4-4 grouping.
  { type: 'phone', find: findAll(new RegExp(`(?<![\\d+])(?:\\+?86[ -]?)?1[3-9]\\d(?:[ -]?\\d{4}){2}${NOT_DIGIT_AFTER}`, 'g')) },
  // International (E.164: "+", country code, up to 15 digits in all), with common separators.
  {
    type: 'phone',
    find: findAll(/(?<![\w+])\+[1-9]\d{0,2}(?:[ .-]?\(?\d{1,4}\)?){2,6}(?!\d)/g),
    accept: (match) => digitCount(match[0]) >= 8 && digitCount(match[0]) <= 15,
  },
  // North American numbers: (555) 123-4567, 555-123-4567, 555.123.4567.
  { type: 'phone', find: findAll(new RegExp(`${NOT_DIGIT_BEFORE}(?:\\(\\d{3}\\) ?|\\d{3}[-.])\\d{3}[-.]\\d{4}${NOT_DIGIT_AFTER}`, 'g')) },
  // RFC 4291 §2.2 text forms, validated by a parser (times such as 12:30:45 are not addresses).
  {
    type: 'ipv6',
    find: findAll(/(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{0,4}|\d{1,3}(?:\.\d{1,3}){3})(?![\w:])/g),
    accept: (match) => ipv6Valid(match[0]) && /[0-9A-Fa-f]{1,4}/.test(match[0].replace(/:/g, '')),
  },
  { type: 'ipv4', find: findAll(/(?<![\d.])\d{1,3}(?:\.\d{1,3}){3}(?![\d]|\.\d)/g), accept: (match) => ipv4Valid(match[0]) },
];

function digitCount(text: string): number {
  return text.replace(/\D/g, '').length;
}

const EMAIL_LOCAL_CHAR = /[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]/;
/** The domain, matched once from each `@` (sticky); its quantifiers are bounded per label. */
const EMAIL_DOMAIN = /[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.[A-Za-z]{2,}/y;

/**
 * E-mail addresses, as the scan `[local chars]+@<domain>` would find them, but from each `@`: the
 * local part reaches back over local-part characters (never into the previous address), the
 * domain is matched forwards from the `@`. A backtracking scan retries the unbounded local part
 * at every position of a long run without an `@` (quadratic); here each character is looked at a
 * bounded number of times, since neither part can cross an `@`.
 */
function* findEmails(text: string): Generator<Found> {
  const domain = new RegExp(EMAIL_DOMAIN);
  let previousEnd = 0;
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    let start = at;
    while (start > previousEnd && EMAIL_LOCAL_CHAR.test(text[start - 1]!)) start--;
    if (start === at) continue;
    domain.lastIndex = at + 1;
    const match = domain.exec(text);
    if (!match) continue;
    const end = domain.lastIndex;
    yield { index: start, end, groups: [text.slice(start, end)] };
    previousEnd = end;
  }
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
  // Spans claimed so far, sorted and disjoint; each detector's matches come in order too, so one
  // walk checks them for overlaps (checking each against all claimed spans was quadratic).
  let claimed: PiiMatch[] = [];
  for (const detector of DETECTORS) {
    const found: PiiMatch[] = [];
    let next = 0;
    for (const match of detector.find(text)) {
      if (detector.accept && !detector.accept(match.groups)) continue;
      while (next < claimed.length && claimed[next]!.end <= match.index) next++;
      if (next < claimed.length && claimed[next]!.start < match.end) continue;
      found.push({ type: detector.type, start: match.index, end: match.end });
    }
    claimed = mergeByStart(claimed, found);
  }
  return claimed;
}

function mergeByStart(a: readonly PiiMatch[], b: readonly PiiMatch[]): PiiMatch[] {
  const merged: PiiMatch[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) merged.push(j >= b.length || (i < a.length && a[i]!.start < b[j]!.start) ? a[i++]! : b[j++]!);
  return merged;
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
