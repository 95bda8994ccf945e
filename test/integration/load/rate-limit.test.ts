import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAIServer, type OpenAIServer } from '../../fixtures/openai-server.ts';
import { runSpec, specText } from './run-helpers.ts';

let server: OpenAIServer;
const arrivals: number[] = [];

beforeAll(async () => {
  // A fast server that notes when each request arrives.
  server = await startOpenAIServer({
    recordRequests: false,
    answer: (body) => {
      arrivals.push(performance.now());
      const last = body.messages?.at(-1)?.content;
      return `echo: ${typeof last === 'string' ? last : ''}`;
    },
  });
});
afterAll(async () => {
  await server.close();
});

describe('candidate rateLimit in a local run', () => {
  it('rpm: 600 on a fast server stays within 5% of 10 req/s', async () => {
    // 151 requests with 16 allowed in flight: without the limit they would all be done in well under a second.
    const run = await runSpec(specText(server.url, 'execution: { concurrency: 16 }', ', rateLimit: { rpm: 600 }'), 151);
    try {
      expect(run.summary.candidates.m!.metrics['error.rate']?.value ?? 0).toBe(0);
      expect(arrivals).toHaveLength(151);
      const rate = (arrivals.length - 1) / ((arrivals.at(-1)! - arrivals[0]!) / 1000);
      // An upper bound first (what the provider sees); the lower bound holds because the limiter catches up late timers.
      expect(rate).toBeLessThanOrEqual(10 * 1.05);
      expect(rate).toBeGreaterThanOrEqual(10 * 0.95);
      // And no second of the run saw a burst. GCRA bounds any window of W ms by W / 100 + 1 + the
      // tolerance of one call: 12 for a second, against 151 for an unlimited client.
      let most = 0;
      for (let first = 0, last = 0; last < arrivals.length; last++) {
        while (arrivals[last]! - arrivals[first]! >= 1000) first++;
        most = Math.max(most, last - first + 1);
      }
      expect(most).toBeLessThanOrEqual(12);
      expect(run.manifest.candidates[0]).toMatchObject({ rateLimit: { rpm: 600 } });
    } finally {
      await run.cleanup();
    }
  }, 60_000);
});
