import { describe, expect, it } from 'vitest';
import { LatencyAccumulator, meetsSlo, requestLatency } from '../../../lib/engine/index.ts';
import type { ResultRecord } from '../../../lib/results/index.ts';

/** A successful streamed record; times in ms after `startMs` (epoch ms). */
function record(options: { startMs?: number; e2eMs: number; chunks?: number[]; tokens?: number | null; error?: boolean; ttftMs?: number | null }): ResultRecord {
  const startMs = options.startMs ?? 0;
  const tokens = options.tokens === undefined ? (options.chunks?.length ?? 1) : options.tokens;
  return {
    schemaVersion: 1,
    itemId: `s|m|0`,
    shard: 'shard-00000',
    sampleId: 's',
    candidate: 'm',
    repeat: 0,
    prompt: [],
    output: options.error ? null : 'x',
    error: options.error ? { code: 'PROVIDER_HTTP', message: 'boom' } : null,
    scores: {},
    latencyMs: options.error ? null : options.e2eMs,
    ttftMs: options.error ? null : options.ttftMs !== undefined ? options.ttftMs : (options.chunks?.[0] ?? null),
    ...(options.chunks && { chunkTimesMs: options.chunks }),
    usage: options.error || tokens === null ? null : { inputTokens: 3, outputTokens: tokens, source: 'server' },
    attempts: 1,
    startedAt: new Date(startMs).toISOString(),
    finishedAt: new Date(startMs + options.e2eMs).toISOString(),
  };
}

describe('per-request streaming latency (vLLM definitions)', () => {
  // docs/metrics.md §6.2: single-token chunks at 0.250, 0.300, 0.360, 0.400, 0.450 s.
  const example = requestLatency([250, 300, 360, 400, 450], 450, 5);

  it('gives TTFT 250 ms, ITLs [50, 60, 40, 50], E2E 450 ms, TPOT 50 ms and 11.111 tok/s on the worked example', () => {
    expect(example.ttftMs).toBe(250);
    expect(example.itlsMs.map((gap) => Math.round(gap * 1e9) / 1e9)).toEqual([50, 60, 40, 50]);
    expect(example.e2eMs).toBe(450);
    expect(example.tpotMs).toBeCloseTo(50, 12);
    expect(example.outputTokensPerS).toBeCloseTo(11.111, 3);
  });

  it('leaves TPOT undefined for one-token answers and for calls without TTFT', () => {
    expect(requestLatency([120], 120, 1).tpotMs).toBeNull();
    expect(requestLatency(undefined, 300, 10).tpotMs).toBeNull();
    expect(requestLatency(undefined, 300, 10).itlsMs).toEqual([]);
  });

  it('counts one long gap for a chunk carrying several tokens (ITL is per chunk, TPOT per token)', () => {
    // 2 chunks, 5 tokens: one ITL of 200 ms, but TPOT = (400 − 200)/4 = 50 ms.
    const latency = requestLatency([200, 400], 400, 5);
    expect(latency.itlsMs).toEqual([200]);
    expect(latency.tpotMs).toBe(50);
  });
});

describe('candidate latency aggregation', () => {
  it('reports output throughput as total tokens over wall time, not a mean of per-request rates', () => {
    // docs/metrics.md §6.2 aggregate example: 5 and 15 tokens within a 1.0 s window → 20 tok/s.
    const accumulator = new LatencyAccumulator();
    accumulator.add(record({ startMs: 0, e2eMs: 500, chunks: [100, 200, 300, 400, 500] }));
    accumulator.add(record({ startMs: 200, e2eMs: 800, tokens: 15, chunks: [300, 800] }));
    const metrics = accumulator.metrics();
    expect(metrics['throughput.output_tokens_per_s']!.value).toBe(20);
    expect(metrics['throughput.requests_per_s']!.value).toBe(2);
  });

  it('matches numpy linear percentiles on the docs/metrics.md §6.3 vector', () => {
    // np.percentile([120, 80, 100, 300, 90, 110, 95, 105, 1000, 85], [50, 90, 95, 99]) → 102.5, 370, 685, 937.
    const accumulator = new LatencyAccumulator();
    for (const e2eMs of [120, 80, 100, 300, 90, 110, 95, 105, 1000, 85]) accumulator.add(record({ e2eMs, chunks: [e2eMs / 2, e2eMs] }));
    const metrics = accumulator.metrics();
    expect(metrics['latency.p50_ms']!.value).toBeCloseTo(102.5, 9);
    expect(metrics['latency.p90_ms']!.value).toBeCloseTo(370, 9);
    expect(metrics['latency.p95_ms']!.value).toBeCloseTo(685, 9);
    expect(metrics['latency.p99_ms']!.value).toBeCloseTo(937, 9);
    expect(metrics['latency.mean_ms']).toMatchObject({ value: 208.5, n: 10, min: 80, max: 1000 });
    expect(metrics['ttft.p50_ms']!.value).toBeCloseTo(51.25, 9);
  });

  it('pools ITLs over requests and keeps TPOT per request', () => {
    const accumulator = new LatencyAccumulator(undefined, { requestTimes: false });
    accumulator.add(record({ e2eMs: 450, chunks: [250, 300, 360, 400, 450] }));
    accumulator.add(record({ e2eMs: 300, chunks: [100, 300], tokens: 2 }));
    const metrics = accumulator.metrics();
    expect(metrics['itl.mean_ms']).toMatchObject({ n: 5 });
    expect(metrics['itl.mean_ms']!.value).toBeCloseTo((50 + 60 + 40 + 50 + 200) / 5, 9);
    expect(metrics['tpot.mean_ms']).toMatchObject({ value: 125, n: 2 });
    expect(metrics['latency.p50_ms']).toBeUndefined();
  });
});

describe('goodput', () => {
  const slo = { ttft_ms: 300, tpot_ms: 60, e2e_ms: 1000 };

  it('is the share of all requests meeting every SLO, failures counting as misses', () => {
    const accumulator = new LatencyAccumulator(slo);
    accumulator.add(record({ e2eMs: 450, chunks: [250, 300, 360, 400, 450] })); // good: 250, 50, 450
    accumulator.add(record({ e2eMs: 600, chunks: [400, 600] })); // TTFT 400 > 300
    accumulator.add(record({ e2eMs: 800, chunks: [100, 800] })); // TPOT 700 > 60
    accumulator.add(record({ e2eMs: 1200, chunks: [100, 150], tokens: 40 })); // E2E 1200 > 1000
    accumulator.add(record({ e2eMs: 200, chunks: [200], tokens: 1 })); // good: one token, TPOT counts as 0
    accumulator.add(record({ e2eMs: 0, error: true })); // failed
    const metrics = accumulator.metrics();
    expect(metrics['goodput.rate']).toMatchObject({ value: 2 / 6, n: 6, good: 2, unmeasured: 0 });
  });

  it('bounds an unstreamed TTFT by E2E and calls the rest unmeasured', () => {
    expect(meetsSlo(requestLatency(undefined, 250, 3, null), 3, { ttft_ms: 300 })).toBe('good');
    expect(meetsSlo(requestLatency(undefined, 350, 3, null), 3, { ttft_ms: 300 })).toBe('unmeasured');
    expect(meetsSlo(requestLatency(undefined, 350, 3, null), 3, { tpot_ms: 300 })).toBe('unmeasured');
    expect(meetsSlo(null, null, { e2e_ms: 10 })).toBe('bad');
  });
});
