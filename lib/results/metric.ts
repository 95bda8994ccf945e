import { z } from 'zod';

const IntervalSchema = z.tuple([z.number(), z.number()]);
const Count = z.number().int().nonnegative();

/** How a bootstrap interval was drawn (scorer aggregates: ROUGE, corpus metrics, BBQ). */
const IntervalDetailSchema = z.strictObject({
  method: z.string(),
  resamples: Count,
  seed: z.number().int(),
  /** BBQ: clusters resampled, and resamples whose statistic was undefined. */
  clusters: Count.optional(),
  skipped: Count.optional(),
});

/**
 * The fields a metric may carry besides its value, n and interval: the counts and settings behind
 * it, each written by one family of metrics (named in the comment). Declared so that an unknown
 * key in summary.json is an error, not a silently ignored field.
 */
const metricDetailFields = {
  /** How the interval was computed: `wilson`, `iid`, `cluster-robust`, `wilson-samples`, an order-statistic method; judge `cohen`/`fleiss`. */
  method: z.string().optional(),
  /** Over-samples metrics (sample-level-metrics): clusters behind a cluster-robust SE, repeats per sample. */
  clusters: Count.optional(),
  repeats: Count.optional(),
  /** A sentence on what the value means or why it is missing. */
  note: z.string().optional(),
  /** `accuracy.pass@k`: k and the estimator (Chen et al. 2021). */
  k: z.number().int().positive().optional(),
  estimator: z.string().optional(),
  /** `accuracy.repeat_sd`: accuracy per repeat, its range and the mean within-sample variance. */
  byRepeat: z.array(z.number()).optional(),
  withinSampleVariance: z.number().nullable().optional(),
  /** Distributions (`latency.mean_ms`, `code.exec_ms`): spread and percentiles. */
  min: z.number().nullable().optional(),
  max: z.number().nullable().optional(),
  std: z.number().nullable().optional(),
  mean: z.number().nullable().optional(),
  p50: z.number().nullable().optional(),
  p90: z.number().nullable().optional(),
  p95: z.number().nullable().optional(),
  p99: z.number().nullable().optional(),
  /** `throughput.requests_per_s`: the wall time it is measured over. */
  wallSeconds: z.number().nonnegative().optional(),
  /** `goodput.rate`: requests within the SLO, requests the SLO could not be checked on, the SLO. */
  good: Count.optional(),
  unmeasured: Count.optional(),
  slo: z.strictObject({ ttft_ms: z.number().optional(), tpot_ms: z.number().optional(), e2e_ms: z.number().optional() }).optional(),
  /**
   * Where the numbers came from: token counts by source (`tokens.output`: server, tokenizer,
   * estimate), or the confidence source (`calibration.ece`: `logprobs`, `verbalized`, `agreement`).
   */
  source: z.union([z.string(), z.strictObject({ server: Count, tokenizer: Count, estimate: Count.optional() })]).optional(),
  /** Counts by source (`reasoning.rate`: field/think/strip; calibration: `<source>/<method>`). */
  sources: z.record(z.string(), Count).optional(),
  /** Costs (`cost.usd`, `cost.judge_usd`, `judge.<id>.calls`): items without token counts, tokens, answers from the cache. */
  uncounted: Count.optional(),
  inputTokens: Count.optional(),
  outputTokens: Count.optional(),
  cached: Count.optional(),
  cachedUsd: z.number().nonnegative().optional(),
  /** Robustness differences: the paired test behind the interval (McNemar discordant counts b, c). */
  pValue: z.number().nullable().optional(),
  b: Count.optional(),
  c: Count.optional(),
  test: z.string().optional(),
  /** Robustness: accuracy on the originals, the variants, what was compared. */
  original: z.number().nullable().optional(),
  variants: z.array(z.string()).optional(),
  compared: z.string().optional(),
  /**
   * Fairness (fairness-aggregate.ts, refusal.ts): positive decisions, invalid answers; the
   * four-fifths rule and a group it flags; the highest and lowest group; groups without a valid
   * decision; flips across counterfactual groups; the refusal-rate parity difference.
   */
  positives: Count.optional(),
  invalid: Count.optional(),
  rule: z.string().optional(),
  threshold: z.number().optional(),
  flagged: z.boolean().optional(),
  groups: z.strictObject({ highest: z.string(), lowest: z.string() }).optional(),
  groupsWithoutValidDecisions: z.array(z.string()).optional(),
  seed: z.number().int().optional(),
  flipped: Count.optional(),
  variant: z.string().optional(),
  pairwise: z.number().nullable().optional(),
  refused: Count.optional(),
  parityDifference: z.number().nullable().optional(),
  /** `privacy.pii_leak_rate`: outputs that leaked, and matches by PII type. */
  leaked: Count.optional(),
  byType: z.record(z.string(), z.strictObject({ records: Count, matches: Count })).optional(),
  /** BBQ: excluded answers, the outcome counts, and why a value is missing. */
  excluded: Count.optional(),
  counts: z.record(z.string(), Count).optional(),
  flag: z.string().optional(),
  /** ROUGE: mean precision and recall beside the F value; outputs the tokenizer emptied. */
  precision: z.number().nullable().optional(),
  recall: z.number().nullable().optional(),
  emptiedOutputs: Count.optional(),
  warning: z.string().optional(),
  /** Corpus and ROUGE metrics: the sacreBLEU-style signature, the scale, the summed statistics. */
  signature: z.string().optional(),
  scale: z.enum(['0-1', '0-100']).optional(),
  corpus: z.record(z.string(), z.union([z.number(), z.array(z.number()).readonly()])).optional(),
  interval: IntervalDetailSchema.optional(),
  /** `score.<judge>`: the mean grade on the rubric's own scale, and the grades behind it. */
  raw: z.number().optional(),
  rawN: Count.optional(),
  /** Judge metrics: judged answers, bootstrap settings, agreement settings, players ranked. */
  count: Count.optional(),
  bootstrap: z.strictObject({ resamples: Count, seed: z.number().int() }).optional(),
  level: z.string().optional(),
  judges: z.array(z.string()).optional(),
  pooled: z.string().optional(),
  dropped: Count.optional(),
  players: Count.optional(),
  /** Calibration: bins and binning, the reliability diagram, answers without a confidence. */
  bins: z.number().int().positive().optional(),
  binning: z.enum(['equal-mass', 'equal-width']).optional(),
  reliability: z
    .array(z.strictObject({ lo: z.number(), hi: z.number(), n: Count, meanConfidence: z.number().nullable(), accuracy: z.number().nullable() }))
    .optional(),
  withoutConfidence: Count.optional(),
  /** `calibration.selective_accuracy`: what the value measures, accuracy at each coverage, the curve. */
  measure: z.string().optional(),
  curve: z.array(z.strictObject({ coverage: z.number(), accuracy: z.number() })).optional(),
};

/** A metric's value for one group: the value, its n, where defined a 95% interval, and its declared details. */
export const MetricValueSchema = z.strictObject({
  value: z.number().nullable(),
  n: Count,
  ci95: IntervalSchema.optional(),
  ...metricDetailFields,
  /** `calibration.selective_accuracy`: the metric at each coverage level. */
  byCoverage: z.record(z.string(), z.strictObject({ value: z.number().nullable(), n: Count, ci95: IntervalSchema.optional() })).optional(),
});

/** One metric in summary.json: its value and, for metrics that are broken down, the value per category. */
export const MetricSchema = MetricValueSchema.extend({
  byCategory: z.record(z.string(), MetricValueSchema).optional(),
});
export type Metric = z.infer<typeof MetricSchema>;
