import type { Clock } from '../ports/index.ts';

/**
 * The real clock: `now()` is `performance.now()` (monotonic, sub-millisecond), `isoNow()` is
 * wall time, and `sleep` is a `setTimeout` that an `AbortSignal` cancels (rejecting with the
 * signal's reason, as `fetch` does).
 */
export const systemClock: Clock = {
  now: () => performance.now(),
  isoNow: isoNowCached,
  sleep: sleepFor,
};

let lastEpochMs = Number.NaN;
let lastIso = '';

/** Wall time as ISO 8601; the string is reused within a millisecond (two per record add up at thousands per second). */
function isoNowCached(): string {
  const epochMs = Date.now();
  if (epochMs !== lastEpochMs) {
    lastEpochMs = epochMs;
    lastIso = new Date(epochMs).toISOString();
  }
  return lastIso;
}

function sleepFor(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((done, fail) => {
    const onAbort = () => {
      clearTimeout(timer);
      fail(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      done();
    }, Math.max(0, ms));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
