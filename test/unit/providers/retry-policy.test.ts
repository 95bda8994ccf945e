import { describe, expect, it } from 'vitest';
import { backoffDelayMs, isRetryableStatus, parseRetryAfterMs } from '../../../lib/providers/index.ts';
import { DEFAULT_RETRY_POLICY } from '../../../lib/spec/index.ts';

const NOW = Date.parse('2026-03-01T12:00:00Z');

describe('back-off with full jitter', () => {
  it('draws the wait uniformly below a doubling ceiling', () => {
    expect(backoffDelayMs(1, DEFAULT_RETRY_POLICY, () => 0.5)).toBe(125);
    expect(backoffDelayMs(3, DEFAULT_RETRY_POLICY, () => 0.5)).toBe(500);
    expect(backoffDelayMs(1, DEFAULT_RETRY_POLICY, () => 0)).toBe(0);
  });

  it('never exceeds the cap', () => {
    expect(backoffDelayMs(30, DEFAULT_RETRY_POLICY, () => 0.999_999)).toBeLessThan(20_000);
    expect(backoffDelayMs(30, { baseMs: 5, capMs: 20 }, () => 0.5)).toBe(10);
  });
});

describe('Retry-After', () => {
  it('reads seconds, retry-after-ms and HTTP dates', () => {
    expect(parseRetryAfterMs(new Headers({ 'retry-after': '1' }), NOW)).toBe(1_000);
    expect(parseRetryAfterMs(new Headers({ 'retry-after': '0.5' }), NOW)).toBe(500);
    expect(parseRetryAfterMs(new Headers({ 'retry-after-ms': '250', 'retry-after': '9' }), NOW)).toBe(250);
    expect(parseRetryAfterMs(new Headers({ 'retry-after': 'Sun, 01 Mar 2026 12:00:03 GMT' }), NOW)).toBe(3_000);
  });

  it('ignores a missing or unreadable header and clamps waits to a sane range', () => {
    expect(parseRetryAfterMs(new Headers(), NOW)).toBeUndefined();
    expect(parseRetryAfterMs(undefined, NOW)).toBeUndefined();
    expect(parseRetryAfterMs(new Headers({ 'retry-after': 'soon' }), NOW)).toBeUndefined();
    expect(parseRetryAfterMs(new Headers({ 'retry-after': 'Sun, 01 Mar 2026 11:00:00 GMT' }), NOW)).toBe(0);
    expect(parseRetryAfterMs(new Headers({ 'retry-after': '86400' }), NOW)).toBe(120_000);
  });
});

describe('retryable statuses', () => {
  it('retries 408, 409, 429 and 5xx only', () => {
    expect([408, 409, 429, 500, 502, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 422].some(isRetryableStatus)).toBe(false);
  });
});
