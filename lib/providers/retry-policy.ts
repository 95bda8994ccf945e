/**
 * When and how long a provider waits before trying a call again.
 *
 * Back-off is exponential with full jitter: the wait before retry n is uniform in
 * [0, min(cap, base · 2^(n-1))] (Brooker, "Exponential Backoff And Jitter", AWS Architecture
 * Blog, 2015), which spreads a burst of rate-limited workers out instead of retrying in lockstep.
 * A server's `retry-after-ms` or `Retry-After` (seconds or an HTTP date) wins over the jitter.
 */
import type { RetryPolicy } from '../spec/index.ts';

/**
 * The longest server-requested wait we honour. A bigger `Retry-After` (a misconfigured proxy
 * asking for an hour) is clamped so one item cannot stall a run indefinitely.
 */
export const MAX_RETRY_AFTER_MS = 120_000;

/** HTTP statuses worth another attempt: timeouts, lock conflicts, rate limits and server errors. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/**
 * Full-jitter back-off before retry `retry` (1-based).
 *
 * @example
 * backoffDelayMs(3, { baseMs: 250, capMs: 20_000 }) // uniform in [0, 1000)
 */
export function backoffDelayMs(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceilingMs = Math.min(policy.capMs, policy.baseMs * 2 ** (retry - 1));
  return random() * ceilingMs;
}

/**
 * The wait a response asks for, from `retry-after-ms` or `Retry-After` (delta-seconds or an
 * HTTP date, RFC 9110 §10.2.3), clamped to [0, MAX_RETRY_AFTER_MS]; undefined when absent or unreadable.
 */
export function parseRetryAfterMs(headers: Pick<Headers, 'get'> | undefined, nowEpochMs: number): number | undefined {
  if (headers === undefined) return undefined;
  const millis = parseNumber(headers.get('retry-after-ms'));
  if (millis !== undefined) return clampWait(millis);
  const value = headers.get('retry-after');
  if (value === null) return undefined;
  const seconds = parseNumber(value);
  if (seconds !== undefined) return clampWait(seconds * 1000);
  const dateMs = Date.parse(value);
  return Number.isNaN(dateMs) ? undefined : clampWait(dateMs - nowEpochMs);
}

function parseNumber(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : undefined;
}

function clampWait(ms: number): number {
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, ms));
}
