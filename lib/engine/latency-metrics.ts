import type { Metric, MetricOf, ResultRecord } from '../results/index.ts';
import { quantileInterval, sortAscending, summarizeSorted } from '../stats/index.ts';
import { NumberList } from './number-list.ts';
import { WallSpan } from './wall-span.ts';

/**
 * Streaming latency, defined as vLLM's `benchmarks/benchmark_serving.py` (now `vllm bench serve`)
 * defines it (docs/metrics.md §6.1):
 * - TTFT: first content chunk − request sent;
 * - ITL: the gaps between consecutive content chunks (per chunk, so a chunk of several tokens
 *   gives one long gap), pooled over requests;
 * - E2E: last chunk − request sent;
 * - TPOT: (E2E − TTFT) / (output tokens − 1), defined only when output tokens > 1;
 * - per-request output throughput: output tokens / E2E.
 */
export interface RequestLatency {
  readonly e2eMs: number;
  readonly ttftMs: number | null;
  readonly itlsMs: readonly number[];
  readonly tpotMs: number | null;
  readonly outputTokensPerS: number | null;
}

/**
 * Derives one request's latency figures from its chunk arrival times (ms after the request was
 * sent), its end-to-end latency and its output token count.
 *
 * @example docs/metrics.md §6.2: chunks at 250, 300, 360, 400, 450 ms, 5 tokens →
 * requestLatency([250, 300, 360, 400, 450], 450, 5)
 * // { e2eMs: 450, ttftMs: 250, itlsMs: [50, 60, 40, 50], tpotMs: 50, outputTokensPerS: 11.11 }
 */
export function requestLatency(
  chunkTimesMs: readonly number[] | undefined,
  e2eMs: number,
  outputTokens: number | null,
  ttftMs: number | null = chunkTimesMs !== undefined && chunkTimesMs.length > 0 ? chunkTimesMs[0]! : null,
): RequestLatency {
  const itlsMs: number[] = [];
  if (chunkTimesMs) for (let index = 1; index < chunkTimesMs.length; index++) itlsMs.push(chunkTimesMs[index]! - chunkTimesMs[index - 1]!);
  const tpotMs = ttftMs !== null && outputTokens !== null && outputTokens > 1 ? (e2eMs - ttftMs) / (outputTokens - 1) : null;
  const outputTokensPerS = outputTokens !== null && e2eMs > 0 ? outputTokens / (e2eMs / 1000) : null;
  return { e2eMs, ttftMs, itlsMs, tpotMs, outputTokensPerS };
}

/** Latency service-level objectives from the spec's `slo`; a request is good if it meets every one given. */
export interface LatencySlo {
  readonly ttft_ms?: number;
  readonly tpot_ms?: number;
  readonly e2e_ms?: number;
}

/**
 * Whether one request met the SLOs (vLLM's goodput rule: ttft ≤ SLO and tpot ≤ SLO and e2e ≤ SLO,
 * with TPOT = 0 when output tokens ≤ 1). A failed request is never good. When a figure an SLO
 * needs was not measured (TTFT of a non-streamed call), the request is `unmeasured`, which counts
 * as not good — except that E2E bounds TTFT from above, so e2e ≤ SLO_ttft proves it.
 */
export function meetsSlo(request: RequestLatency | null, outputTokens: number | null, slo: LatencySlo): 'good' | 'bad' | 'unmeasured' {
  if (request === null) return 'bad';
  if (slo.e2e_ms !== undefined && request.e2eMs > slo.e2e_ms) return 'bad';
  let unmeasured = false;
  if (slo.ttft_ms !== undefined) {
    const ttft = request.ttftMs ?? (request.e2eMs <= slo.ttft_ms ? request.e2eMs : null);
    if (ttft === null) unmeasured = true;
    else if (ttft > slo.ttft_ms) return 'bad';
  }
  if (slo.tpot_ms !== undefined) {
    const tpot = outputTokens !== null && outputTokens <= 1 ? 0 : request.tpotMs;
    if (tpot === null) unmeasured = true;
    else if (tpot > slo.tpot_ms) return 'bad';
  }
  return unmeasured ? 'unmeasured' : 'good';
}

const STATS = ['mean', 'p50', 'p90', 'p95', 'p99'] as const;

/**
 * Collects the latency of one candidate (or one sweep level) in a single pass: numbers only.
 * Aggregate throughput is total output tokens over the wall time from the first request's start
 * to the last one's finish, not a mean of per-request rates (vLLM `output_throughput`, LLMPerf
 * `mean_output_throughput_token_per_s`; docs/metrics.md §6.2: 5 + 15 tokens in 1 s → 20 tok/s).
 *
 * `requestTimes` (default true): whether it reports latency.*, ttft.* and output throughput —
 * a sweep level does; a candidate's overall collector does not, as its standard metrics carry
 * them, so it keeps no second copy of a million latencies.
 */
export class LatencyAccumulator {
  n = 0;
  private completed = 0;
  private readonly e2e = new NumberList();
  private readonly ttft = new NumberList();
  private readonly tpot = new NumberList();
  private readonly itl = new NumberList();
  private outputTokens = 0;
  private usageSeen = 0;
  private readonly wall = new WallSpan();
  private good = 0;
  private unmeasured = 0;

  constructor(
    private readonly slo?: LatencySlo,
    private readonly options: { readonly requestTimes: boolean } = { requestTimes: true },
  ) {}

  add(record: ResultRecord): void {
    this.n++;
    this.wall.add(record.startedAt, record.finishedAt);
    const tokens = record.usage?.outputTokens ?? null;
    const timed = record.error === null && record.latencyMs !== null;
    const request = timed ? requestLatency(record.chunkTimesMs, record.latencyMs!, tokens, record.ttftMs) : null;
    if (this.slo) {
      const verdict = meetsSlo(request, tokens, this.slo);
      if (verdict === 'good') this.good++;
      else if (verdict === 'unmeasured') this.unmeasured++;
    }
    if (request === null) return;
    this.completed++;
    if (this.options.requestTimes) {
      this.e2e.push(request.e2eMs);
      if (request.ttftMs !== null) this.ttft.push(request.ttftMs);
    }
    if (request.tpotMs !== null) this.tpot.push(request.tpotMs);
    for (const gap of request.itlsMs) this.itl.push(gap);
    if (tokens !== null) {
      this.usageSeen++;
      this.outputTokens += tokens;
    }
  }

  /** Wall time of what was added, in seconds (0 when nothing was). */
  wallSeconds(): number {
    return this.n === 0 ? 0 : Math.max(0, this.wall.endMs - this.wall.startMs) / 1000;
  }

  /** The metrics (latency.*, ttft.* and output-token throughput only with `requestTimes`). */
  metrics(): Record<string, Metric> {
    const out: Record<string, Metric> = {};
    if (this.completed === 0) return out;
    if (this.options.requestTimes) {
      Object.assign(out, distributionMetrics('latency', this.e2e.values()), distributionMetrics('ttft', this.ttft.values()));
    }
    // ITL gaps are pooled over requests and correlated within one, so no interval treats them as independent.
    Object.assign(out, distributionMetrics('tpot', this.tpot.values()), distributionMetrics('itl', this.itl.values(), { intervals: false }));
    const seconds = this.wallSeconds();
    if (seconds > 0) {
      if (this.options.requestTimes && this.usageSeen > 0) out['throughput.output_tokens_per_s'] = { kind: 'throughput', value: this.outputTokens / seconds, n: this.usageSeen };
      // vLLM `request_throughput`: completed requests over the benchmark's duration.
      out['throughput.requests_per_s'] = { kind: 'throughput', value: this.completed / seconds, n: this.completed, wallSeconds: seconds };
    }
    if (this.slo) {
      out['goodput.rate'] = { kind: 'goodput', value: this.good / this.n, n: this.n, good: this.good, unmeasured: this.unmeasured, slo: { ...this.slo } };
      // vLLM `request_goodput`: good requests per second.
      if (seconds > 0) out['goodput.requests_per_s'] = { kind: 'throughput', value: this.good / seconds, n: this.n };
    }
    return out;
  }
}

/**
 * `<prefix>.{mean,p50,p90,p95,p99}_ms` of a list of milliseconds, each with its n (numpy's linear
 * percentiles); the mean also carries std (ddof 0), min and max. Each percentile carries a 95%
 * percentile-bootstrap interval (`quantileInterval`, exact, no resampling) unless `intervals` is
 * false, so a p95 gate can be set on its interval (`on: ci_high`) instead of flipping on noise.
 * Empty input gives no metrics.
 */
export function distributionMetrics(prefix: string, values: ArrayLike<number>, options: { intervals?: boolean } = {}): Record<string, MetricOf<'distribution'>> {
  if (values.length === 0) return {};
  // Sorted once, for the summary and the intervals (records hold finite numbers: JSON has no others).
  const sorted = sortAscending(values);
  const summary = summarizeSorted(sorted);
  const out: Record<string, MetricOf<'distribution'>> = {};
  for (const stat of STATS) {
    out[`${prefix}.${stat}_ms`] = { kind: 'distribution', value: summary[stat], n: summary.n };
    const interval = stat === 'mean' || options.intervals === false ? null : quantileInterval(sorted, Number(stat.slice(1)));
    if (interval) out[`${prefix}.${stat}_ms`] = { ...out[`${prefix}.${stat}_ms`]!, ci95: [interval.lo, interval.hi], method: interval.method };
  }
  out[`${prefix}.mean_ms`] = { ...out[`${prefix}.mean_ms`]!, std: summary.std, min: summary.min, max: summary.max };
  return out;
}
