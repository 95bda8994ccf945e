import type { Metric, MetricOf, ResultRecord, Score } from '../results/index.ts';
import { normalQuantile, wilsonInterval } from '../stats/index.ts';
import type { RequestTimeKind } from '../gate/index.ts';
import { distributionMetrics } from './latency-metrics.ts';
import type { SweepPoint } from '../results/index.ts';
import { LoadMetricsAccumulator, type LoadMetricsOptions } from './load-metrics.ts';
import { NumberList } from './number-list.ts';
import { WallSpan } from './wall-span.ts';

/** Every answered request's latency or TTFT in ms, as the candidate's SampleOutcomes keeps them. */
export interface RequestTimeSource {
  requestTimes(kind: RequestTimeKind): ArrayLike<number>;
}

/**
 * Collects one candidate's records in a single pass, keeping only what the metrics need
 * (numbers, not prompts or outputs), so aggregation stays small for million-record runs. The
 * request times behind latency.* and ttft.* are not kept here but read from the candidate's
 * SampleOutcomes, which needs them for baseline latency gates: one copy per run.
 */
export class CandidateMetricsAccumulator {
  n = 0;
  errors = 0;
  private readonly primaryByCategory = new Map<string, { passed: number; n: number }>();
  private primaryPassed = 0;
  private readonly scoreValues = new Map<string, NumberList>();
  /** Per scorer, per category: the scores, for `score.<id>` byCategory (e.g. per counterfactual group). */
  private readonly scoreValuesByCategory = new Map<string, Map<string, number[]>>();
  private inputTokens = 0;
  private outputTokens = 0;
  private usageSeen = 0;
  private readonly wall = new WallSpan();
  /** TPOT, ITL, goodput, cost and sweep levels (load-metrics.ts). */
  private readonly load: LoadMetricsAccumulator;

  constructor(
    private readonly primaryScorer: string,
    private readonly scorerIds: readonly string[],
    load: LoadMetricsOptions = {},
  ) {
    for (const id of scorerIds) this.scoreValues.set(id, new NumberList());
    this.load = new LoadMetricsAccumulator(load);
  }

  /** The sweep's latency-versus-throughput points, or undefined without a sweep. */
  sweep(): SweepPoint[] | undefined {
    return this.load.sweep();
  }

  add(record: ResultRecord): void {
    this.n++;
    if (record.error) this.errors++;
    // Errors count as failures: a model that cannot answer did not answer correctly.
    const primary: Score | undefined = record.scores[this.primaryScorer];
    const passed = !record.error && primary?.pass === true;
    if (passed) this.primaryPassed++;
    if (record.category !== undefined) {
      const group = this.primaryByCategory.get(record.category) ?? { passed: 0, n: 0 };
      group.n++;
      if (passed) group.passed++;
      this.primaryByCategory.set(record.category, group);
    }
    for (const id of this.scorerIds) {
      this.scoreValues.get(id)!.push(record.error ? 0 : (record.scores[id]?.value ?? 0));
      if (record.category !== undefined) this.addCategoryScore(id, record.category, record.error ? 0 : (record.scores[id]?.value ?? 0));
    }
    this.load.add(record);
    // A cached answer took no tokens from the model and no time: it stays out of tokens and throughput.
    if (record.cache !== undefined) return;
    if (record.usage) {
      this.usageSeen++;
      this.inputTokens += record.usage.inputTokens;
      this.outputTokens += record.usage.outputTokens;
    }
    this.wall.add(record.startedAt, record.finishedAt);
  }

  /** The standard metrics: accuracy, score.*, latency.* and ttft.* (of `times`), errors.rate, tokens, throughput. */
  metrics(times: RequestTimeSource): Record<string, Metric> {
    const latencies = times.requestTimes('latency');
    const metrics: Record<string, Metric> = {
      accuracy: {
        ...proportion(this.primaryPassed, this.n),
        ...(this.primaryByCategory.size > 0 && { byCategory: this.accuracyByCategory() }),
      },
    };
    for (const [id, values] of this.scoreValues) {
      const byCategory = this.scoreValuesByCategory.get(id);
      metrics[`score.${id}`] = {
        ...meanMetric(values.values()),
        ...(byCategory && { byCategory: Object.fromEntries([...byCategory].sort(([a], [b]) => a.localeCompare(b)).map(([category, scores]) => [category, meanMetric(scores)])) }),
      };
    }
    Object.assign(metrics, distributionMetrics('latency', latencies), distributionMetrics('ttft', times.requestTimes('ttft')));
    metrics['errors.rate'] = proportion(this.errors, this.n);
    if (this.usageSeen > 0) {
      metrics['tokens.input'] = { kind: 'tokens', value: this.inputTokens, n: this.usageSeen };
      metrics['tokens.output'] = { kind: 'tokens', value: this.outputTokens, n: this.usageSeen };
      const wallSeconds = (this.wall.endMs - this.wall.startMs) / 1000;
      if (latencies.length > 0 && wallSeconds > 0) {
        // Aggregate throughput is total tokens over wall time, not a mean of per-request rates (vLLM, LLMPerf).
        metrics['throughput.output_tokens_per_s'] = { kind: 'throughput', value: this.outputTokens / wallSeconds, n: this.usageSeen };
      }
    }
    this.load.addMetricsTo(metrics, { items: this.n, correct: this.primaryPassed });
    return metrics;
  }

  private addCategoryScore(id: string, category: string, value: number): void {
    let byCategory = this.scoreValuesByCategory.get(id);
    if (!byCategory) {
      byCategory = new Map();
      this.scoreValuesByCategory.set(id, byCategory);
    }
    const values = byCategory.get(category);
    if (values) values.push(value);
    else byCategory.set(category, [value]);
  }

  private accuracyByCategory(): Record<string, MetricOf<'proportion'>> {
    const out: Record<string, MetricOf<'proportion'>> = {};
    for (const [category, group] of [...this.primaryByCategory].sort(([a], [b]) => a.localeCompare(b))) {
      out[category] = proportion(group.passed, group.n);
    }
    return out;
  }
}

/** A rate with its n and a Wilson 95% interval (Wilson 1927), null when n is 0. */
export function proportion(successes: number, n: number): MetricOf<'proportion'> {
  if (n === 0) return { kind: 'proportion', value: null, n: 0 };
  const { lo, hi } = wilsonInterval(successes, n);
  return { kind: 'proportion', value: successes / n, n, ci95: [lo, hi] };
}

/** A mean of scores in [0, 1]: Wilson when every score is 0 or 1, else a normal-approximation interval. */
export function meanMetric(values: ArrayLike<number>): MetricOf<'proportion'> {
  const n = values.length;
  if (n === 0) return { kind: 'proportion', value: null, n: 0 };
  let sum = 0;
  let binary = true;
  for (let index = 0; index < n; index++) {
    const value = values[index]!;
    sum += value;
    if (value !== 0 && value !== 1) binary = false;
  }
  if (binary) return proportion(sum, n);
  const mean = sum / n;
  let squares = 0;
  for (let index = 0; index < n; index++) squares += (values[index]! - mean) ** 2;
  const se = n > 1 ? Math.sqrt(squares / (n - 1) / n) : 0;
  // Identical scores (or n = 1) give SE = 0; a zero-width interval would overstate certainty.
  // Wilson needs whole successes: round the partial-credit total (0.03 on one sample → 0 of 1).
  if (se === 0) return { ...proportion(Math.round(mean * n), n), value: mean };
  const z = normalQuantile(0.975);
  return { kind: 'proportion', value: mean, n, ci95: [Math.max(0, mean - z * se), Math.min(1, mean + z * se)] };
}

