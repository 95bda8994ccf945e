/**
 * Back-off between retries, as a candidate's `backoff:` sets it (the wait itself is computed in
 * lib/providers/retry-policy.ts).
 */
export interface RetryPolicy {
  /** First back-off ceiling. @default 250 */
  readonly baseMs: number;
  /** Largest back-off ceiling. @default 20000 */
  readonly capMs: number;
}

/** 250 ms doubling up to 20 s. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseMs: 250, capMs: 20_000 };
