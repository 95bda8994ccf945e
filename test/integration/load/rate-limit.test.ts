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
  it('rpm: 600 on a fast server holds the client near 10 req/s, never at the unlimited rate', async () => {
    // 151 requests with 16 allowed in flight: without the limit they would all be done in well under a second.
    const run = await runSpec(specText(server.url, 'execution: { concurrency: 16 }', ', rateLimit: { rpm: 600 }'), 151);
    try {
      expect(run.summary.candidates.m!.metrics['errors.rate']!.value).toBe(0);
      expect(arrivals).toHaveLength(151);
      // Bounds that hold on a loaded machine (docs/decisions/0004). The limiter's spacing is exact
      // on a fake clock (test/unit/execution/rate-limit.test.ts); here timers can only fire late,
      // and a stall of the shared machine holds back calls that then go together. So: the whole
      // schedule spans 14.9 s (149 gaps of 100 ms, one call early), and only the first call arriving
      // late can shorten the measured span: 13.5 s allows it 1.4 s, and still caps the rate near
      // 11 req/s whatever the load. It keeps up to within 20% (a late timer is caught up within the
      // tolerance, with 16 calls booked ahead), and no second sees more than two seconds' worth.
      const spanMs = arrivals.at(-1)! - arrivals[0]!;
      expect(spanMs).toBeGreaterThanOrEqual(13_500);
      const rate = (arrivals.length - 1) / (spanMs / 1000);
      expect(rate).toBeGreaterThanOrEqual(10 * 0.8);
      let most = 0;
      for (let first = 0, last = 0; last < arrivals.length; last++) {
        while (arrivals[last]! - arrivals[first]! >= 1000) first++;
        most = Math.max(most, last - first + 1);
      }
      // GCRA bounds a 1-s window by 12 when timers are on time; an unlimited client puts all 151 in one.
      expect(most).toBeLessThanOrEqual(2 * 12);
      expect(run.manifest.candidates[0]).toMatchObject({ rateLimit: { rpm: 600 } });
    } finally {
      await run.cleanup();
    }
  }, 60_000);
});
