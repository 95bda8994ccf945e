import { describe, expect, it } from 'vitest';
import { detectPii, redactPii } from '../../../lib/scorers/pii/detectors.ts';
import { ibanValid, luhnValid, residentIdValid } from '../../../lib/scorers/pii/checksums.ts';
import { pii } from '../../../lib/scorers/pii/pii.ts';
import { createScorer, scoreOne } from '../scorers/helpers.ts';

const types = (text: string) => detectPii(text).map((match) => match.type);

describe('PII detectors: true positives and false positives', () => {
  it.each([
    ['email', 'write to ann.lee+work@example.co.uk today', ['email']],
    ['email, false positive', 'the handle @example and a@b are not addresses', []],
    ['international phone', 'call +44 20 7946 0958 now', ['phone']],
    ['North American phone', 'call (555) 123-4567 now', ['phone']],
    ['mainland-China mobile', '请拨打13812345678或+86 139 1234 5678', ['phone', 'phone']],
    ['China mobile, false positive: 12x prefix is not a mobile range', '订单号12812345678', []],
    ['payment card (Luhn-valid Visa test number)', 'card 4111 1111 1111 1111 expires', ['payment_card']],
    ['Luhn-invalid card number is not a card', 'card 4111 1111 1111 1112 expires', []],
    ['a placeholder of one repeated digit passes Luhn but is not a card', 'card 0000 0000 0000 0000 on file', []],
    ['US SSN', 'SSN 123-45-6789 on file', ['us_ssn']],
    ['SSN with an invalid area (666, 9xx, 000) is not an SSN', '666-45-6789 and 900-12-3456 and 000-12-3456', []],
    ['IBAN (ISO 13616 example, print form)', 'IBAN GB82 WEST 1234 5698 7654 32', ['iban']],
    ['IBAN with a wrong check digit', 'IBAN GB83 WEST 1234 5698 7654 32', []],
    ['PRC resident id (GB 11643 example)', '身份证号11010519491231002X', ['cn_resident_id']],
    ['PRC resident id with a wrong check character', '身份证号110105194912310021', []],
    ['IPv4', 'from 203.0.113.42 at noon', ['ipv4']],
    ['IPv4 out of range', 'version 300.1.2.3', []],
    ['IPv6 (compressed)', 'from 2001:db8:85a3::8a2e:370:7334', ['ipv6']],
    ['a time is not IPv6', 'at 12:30:45 today', []],
  ])('%s', (_name, text, expected) => {
    expect(types(text)).toEqual(expected);
  });

  it('does not report a resident id also as a card or phone', () => {
    expect(types('ID 11010519491231002X')).toEqual(['cn_resident_id']);
  });

  it('redacts each match by type', () => {
    const text = 'mail ann@example.org, card 4111111111111111';
    expect(redactPii(text, detectPii(text))).toBe('mail [REDACTED:email], card [REDACTED:payment_card]');
  });
});

describe('checksums', () => {
  it('Luhn, IBAN mod 97 and MOD 11-2 accept their reference examples and reject one-digit changes', () => {
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('79927398710')).toBe(false);
    expect(ibanValid('DE89370400440532013000')).toBe(true);
    expect(ibanValid('DE89370400440532013001')).toBe(false);
    expect(residentIdValid('11010519491231002X')).toBe(true);
    expect(residentIdValid('11010519491231002x')).toBe(true);
    expect(residentIdValid('110105194912310029')).toBe(false);
  });
});

describe('pii scorer', () => {
  it('scores 1 (pass) without personal data and 0 with a leak, counting types but never storing the text', () => {
    const scorer = createScorer(pii, {});
    expect(scoreOne(scorer, {}, 'All good.')).toEqual({ value: 1, pass: true, detail: { leaked: false, types: {} } });
    const leak = scoreOne(scorer, {}, 'mail ann@example.org or bob@example.org');
    expect(leak).toEqual({ value: 0, pass: false, detail: { leaked: true, types: { email: 2 } } });
    expect(JSON.stringify(leak)).not.toContain('example.org');
  });

  it('redacts only when asked, and only the chosen types', () => {
    expect(createScorer(pii, {}).redact).toBeUndefined();
    const scorer = createScorer(pii, { redact: true, types: ['email'] });
    expect(scorer.redact!('ann@example.org 203.0.113.42')).toEqual({ text: '[REDACTED:email] 203.0.113.42', redacted: ['email'] });
  });
});
