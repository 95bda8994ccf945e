import { describe, expect, it } from 'vitest';
import type { Clock, Completion, CompletionRequest, Provider } from '../../../lib/ports/index.ts';
import { Gcra, partitionRateLimits, rateLimitedProvider } from '../../../lib/execution/index.ts';
import { systemClock } from '../../../lib/providers/index.ts';

/** A virtual clock: sleeping moves time on at once, so the limiter's schedule is exact and the test takes no time. */
function virtualClock(): Clock & { readonly time: () => number } {
  let time = 0;
  return {
    time: () => time,
    now: () => time,
    isoNow: () => new Date(time).toISOString(),
    sleep: async (ms) => {
      time = Math.max(time, 0) + ms;
    },
  };
}

function countingProvider(clock: Clock, tokens: { input: number; output: number }): Provider & { starts: number[] } {
  const starts: number[] = [];
  return {
    id: 'fake',
    starts,
    async complete(): Promise<Completion> {
      starts.push(clock.now());
      return { text: 'x', latencyMs: 1, ttftMs: null, usage: { inputTokens: tokens.input, outputTokens: tokens.output, source: 'server' }, attempts: 1 };
    },
  };
}

const request = (text: string): CompletionRequest => ({ sample: { id: 's', data: {} } as never, messages: [{ role: 'user', content: text }], repeat: 0, seed: 0 });

describe('Gcra', () => {
  it('spaces bookings by the interval after a burst of one, and never schedules two early calls in a row', () => {
    const gcra = new Gcra(100, 100);
    const due = [0, 0, 0, 0, 0].map(() => gcra.reserve(0, 1));
    expect(due).toEqual([0, 0, 100, 200, 300]);
  });

  it('catches up a late timer within the tolerance instead of lowering the rate', () => {
    const gcra = new Gcra(100, 100);
    gcra.reserve(0, 1); // tat 100
    gcra.reserve(0, 1); // tat 200
    // The caller comes back at 190 instead of 100: it may go now, and the next is still due at 200.
    expect(gcra.reserve(190, 1)).toBe(190);
    expect(gcra.reserve(190, 1)).toBe(200);
  });
});

describe('rateLimitedProvider', () => {
  it('stops waiting for its turn, or for a free slot, once the item is aborted, and makes no call then', async () => {
    const inner = countingProvider(systemClock, { input: 1, output: 1 });
    // One a minute and one at a time: the third call waits a minute for its turn, the fourth for the third's slot.
    const limited = rateLimitedProvider(inner, { rpm: 1, concurrency: 1 }, systemClock);
    await limited.complete(request('q'));
    await limited.complete(request('q'));
    const abort = new AbortController();
    const waiting = limited.complete({ ...request('q'), signal: abort.signal });
    const queued = limited.complete({ ...request('q'), signal: abort.signal });
    setTimeout(() => abort.abort(new Error('deadline')), 20);
    const started = performance.now();
    await expect(waiting).rejects.toThrow('deadline');
    await expect(queued).rejects.toThrow('deadline');
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(inner.starts).toHaveLength(2);
  });

  it('starts calls at rpm, sequentially one after the other', async () => {
    const clock = virtualClock();
    const inner = countingProvider(clock, { input: 1, output: 1 });
    const limited = rateLimitedProvider(inner, { rpm: 600 }, clock);
    for (let index = 0; index < 101; index++) await limited.complete(request('q'));
    // 101 calls at 10/s: the first two at once (the tolerance), then one per 100 ms.
    expect(inner.starts.at(-1)).toBe(9_900);
    expect(inner.starts[2]! - inner.starts[1]!).toBe(100);
  });

  it('holds tokens per minute with the server counts, not the estimate', async () => {
    const clock = virtualClock();
    // Each call spends 1,000 tokens (the estimate of a 4-character prompt is 1): tpm 60,000 allows one a second.
    const inner = countingProvider(clock, { input: 500, output: 500 });
    const limited = rateLimitedProvider(inner, { tpm: 60_000 }, clock);
    for (let index = 0; index < 31; index++) await limited.complete(request('abcd'));
    const spanS = (inner.starts.at(-1)! - inner.starts[0]!) / 1000;
    // 30 calls after the first spend 30,000 tokens: at 1,000 per second that is ≥ 29 s (one second of tolerance).
    expect(spanS).toBeGreaterThanOrEqual(29);
    expect(spanS).toBeLessThanOrEqual(31);
  });

  it('keeps at most `concurrency` calls in flight', async () => {
    const clock = virtualClock();
    let inFlight = 0;
    let most = 0;
    const slow: Provider = {
      id: 'slow',
      async complete() {
        most = Math.max(most, ++inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight--;
        return { text: '', latencyMs: 5, ttftMs: null, usage: null, attempts: 1 };
      },
    };
    const limited = rateLimitedProvider(slow, { concurrency: 3 }, clock);
    await Promise.all(Array.from({ length: 12 }, () => limited.complete(request('q'))));
    expect(most).toBe(3);
  });
});

describe('partitionRateLimits', () => {
  it('gives each worker an equal share whose sum is the provider limit', () => {
    const partition = partitionRateLimits(8, { candidates: new Map([['m', { rpm: 600, tpm: 80_000, concurrency: 20 }]]) });
    expect(partition).toEqual({ workers: 8, perWorker: { candidates: { m: { rpm: 75, tpm: 10_000, concurrency: 2 } } } });
    expect(partition.perWorker.candidates.m!.rpm! * partition.workers).toBe(600);
    expect(partition.perWorker.candidates.m!.concurrency! * partition.workers).toBeLessThanOrEqual(20);
  });

  it('lowers the workers when a candidate allows fewer requests in flight than there are workers', () => {
    const partition = partitionRateLimits(40, { candidates: new Map([['a', { concurrency: 16 }], ['b', { rpm: 300 }]]) });
    expect(partition.workers).toBe(16);
    expect(partition.perWorker.candidates).toEqual({ a: { concurrency: 1 }, b: { rpm: 300 / 16 } });
  });

  it('never gives a worker a zero share nor the workers together more than the whole, over many widths and limits', () => {
    for (const requested of [1, 2, 3, 7, 16, 40, 64]) {
      for (const [rpm, tpm, concurrency] of [[1, 7, 1], [59, 1_000, 3], [600, 80_000, 41], [10_000, 3, 1_000]] as const) {
        const partition = partitionRateLimits(requested, { candidates: new Map([['m', { rpm }]]), judges: new Map([['j', { rpm, tpm, concurrency }], ['k', { tpm }]]) });
        const { workers } = partition;
        expect(workers).toBe(Math.min(requested, concurrency));
        const [judge, tokensOnly, candidate] = [partition.perWorker.judges.j!, partition.perWorker.judges.k!, partition.perWorker.candidates.m!];
        for (const share of [judge.rpm!, judge.tpm!, tokensOnly.tpm!, candidate.rpm!]) expect(share).toBeGreaterThan(0);
        expect(judge.rpm! * workers).toBeLessThanOrEqual(rpm * (1 + 1e-12));
        expect(judge.tpm! * workers).toBeLessThanOrEqual(tpm * (1 + 1e-12));
        expect(judge.concurrency).toBeGreaterThanOrEqual(1);
        expect(judge.concurrency! * workers).toBeLessThanOrEqual(concurrency);
        expect(tokensOnly).toEqual({ tpm: tpm / workers });
      }
    }
  });

  it('splits judges over the same workers as candidates, a judge concurrency lowering them for both', () => {
    const partition = partitionRateLimits(40, {
      candidates: new Map([['m', { rpm: 1_200 }]]),
      judges: new Map([['grader', { rpm: 600, tpm: 60_000, concurrency: 10 }], ['m', { rpm: 100 }]]),
    });
    // Ten workers, so each gets one judge call in flight; every share times ten is the provider's limit.
    expect(partition).toEqual({
      workers: 10,
      perWorker: { candidates: { m: { rpm: 120 } }, judges: { grader: { rpm: 60, tpm: 6_000, concurrency: 1 }, m: { rpm: 10 } } },
    });
  });
});
