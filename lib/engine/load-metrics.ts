import type { Metric, ResultRecord, SweepPoint } from '../results/index.ts';
import { costMetrics, type TokenPrice } from './cost-metrics.ts';
import { LatencyAccumulator, type LatencySlo } from './latency-metrics.ts';
import { levelKey, levelOfRepeat, type LoadPattern } from './load-pattern.ts';
import type { DescribedCandidate, RunDescription } from './run-description.ts';

/** What {@link LoadMetricsAccumulator} needs from the manifest for one candidate. */
export interface LoadMetricsOptions {
  readonly price?: TokenPrice;
  readonly slo?: LatencySlo;
  readonly pattern?: LoadPattern;
}


/**
 * The latency, goodput, cost and sweep figures of one candidate, added to its standard metrics
 * (see CandidateMetricsAccumulator). Per level of a sweep it keeps a separate latency collector,
 * mapping each record to its level by its repeat (see load-pattern.ts).
 */
export class LoadMetricsAccumulator {
  private readonly overall: LatencyAccumulator;
  private readonly levels: LatencyAccumulator[];
  private readonly sources = { server: 0, tokenizer: 0 };
  private estimated = 0;
  private inputTokens = 0;
  private outputTokens = 0;
  private counted = 0;
  /** Token counts of answers served from the response cache: priced apart, never in cost.usd. */
  private readonly cached = { inputTokens: 0, outputTokens: 0, n: 0 };

  constructor(private readonly options: LoadMetricsOptions = {}) {
    this.overall = new LatencyAccumulator(options.slo, { requestTimes: false });
    const levels = options.pattern && options.pattern.levels.length > 1 ? options.pattern.levels : [];
    this.levels = levels.map(() => new LatencyAccumulator(options.slo));
  }

  add(record: ResultRecord): void {
    const usage = record.usage;
    // A cached answer made no call: it is left out of latency, throughput and goodput, and priced apart.
    if (record.cache !== undefined) {
      this.cached.n++;
      this.cached.inputTokens += usage?.inputTokens ?? 0;
      this.cached.outputTokens += usage?.outputTokens ?? 0;
      return;
    }
    this.overall.add(record);
    if (this.levels.length > 0) this.levels[levelOfRepeat(record.repeat, this.options.pattern!.repeatsPerLevel)]?.add(record);
    if (usage) {
      this.counted++;
      this.inputTokens += usage.inputTokens;
      this.outputTokens += usage.outputTokens;
      if (usage.source === 'server' || usage.source === 'tokenizer') this.sources[usage.source]++;
      else if (usage.source === 'estimate') this.estimated++;
    }
  }

  /** Adds the metrics to `metrics` in place (and notes where token counts came from). */
  addMetricsTo(metrics: Record<string, Metric>, totals: { items: number; correct: number }): void {
    Object.assign(metrics, this.overall.metrics());
    const tokens = metrics['tokens.output'];
    if (tokens?.kind === 'tokens') metrics['tokens.output'] = { ...tokens, source: { ...this.sources, ...(this.estimated > 0 && { estimate: this.estimated }) } };
    if (this.options.price) {
      Object.assign(
        metrics,
        costMetrics(this.options.price, { inputTokens: this.inputTokens, outputTokens: this.outputTokens, counted: this.counted, ...totals, ...(this.cached.n > 0 && { cached: this.cached }) }),
      );
    }
  }

  /** The latency-versus-throughput curve, one point per level, or undefined without a sweep. */
  sweep(): SweepPoint[] | undefined {
    if (this.levels.length === 0) return undefined;
    return this.levels.map((accumulator, index) => ({
      ...levelKey(this.options.pattern!.levels[index]!),
      n: accumulator.n,
      metrics: accumulator.metrics(),
    }));
  }
}

/** The load options of one candidate: its price, the run's SLOs and load pattern. */
export function loadMetricsOptions(run: RunDescription, candidate: DescribedCandidate): LoadMetricsOptions {
  return {
    ...(candidate.price !== undefined && { price: candidate.price as TokenPrice }),
    ...(run.slo !== undefined && { slo: run.slo }),
    pattern: run.load,
  };
}
