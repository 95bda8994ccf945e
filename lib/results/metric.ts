import { z } from 'zod';

const IntervalSchema = z.tuple([z.number(), z.number()]);
const Count = z.number().int().nonnegative();
const Stat = z.number().nullable();

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
 * One kind of metric: its value, n and (where defined) 95% interval, the `kind` that names its
 * family, and the details that family carries. Strict, so a detail of another family is an error.
 */
function metricKind<const K extends string, const D extends z.ZodRawShape>(kind: K, details: D) {
  return z.strictObject({ kind: z.literal(kind), value: z.number().nullable(), n: Count, ci95: IntervalSchema.optional(), ...details });
}

/** A metric broken down by category: each category's value is a metric of the kind given. */
function byCategory<Category extends z.ZodType>(category: Category) {
  return { byCategory: z.record(z.string(), category).optional() };
}

/**
 * A share or a mean score in [0, 1] (`accuracy`, `score.<id>`, `errors.rate`, judge rates): a
 * Wilson or CLT interval. Over samples (sample-level-metrics.ts): the SE form (`wilson`, `iid`,
 * `cluster-robust`, `wilson-samples`), clusters behind a cluster-robust SE, repeats per sample,
 * and a note on what the value means or why the interval falls back.
 */
const ProportionValueSchema = metricKind('proportion', { method: z.string().optional(), clusters: Count.optional(), repeats: Count.optional(), note: z.string().optional() });

/** `accuracy.pass@k`: k and the estimator (Chen et al. 2021), with the sample-level interval; a note when k cannot be. */
const PassAtKSchema = metricKind('pass-at-k', {
  k: z.number().int().positive(),
  estimator: z.string().optional(),
  method: z.string().optional(),
  clusters: Count.optional(),
  note: z.string().optional(),
});

/** `accuracy.repeat_sd`: accuracy per repeat, its range and the mean within-sample variance. */
const RepeatSpreadSchema = metricKind('repeat-spread', { min: z.number(), max: z.number(), byRepeat: z.array(z.number()), withinSampleVariance: Stat });

/** Distributions (`latency.*_ms`, `ttft`, `tpot`, `itl`, `code.exec_ms`): spread, percentiles, the order-statistic interval method. */
const DistributionSchema = metricKind('distribution', {
  method: z.string().optional(),
  mean: Stat.optional(),
  std: Stat.optional(),
  min: Stat.optional(),
  max: Stat.optional(),
  p50: Stat.optional(),
  p90: Stat.optional(),
  p95: Stat.optional(),
  p99: Stat.optional(),
});

/** Token counts (`tokens.*`): by source (server, tokenizer, estimate) and the mean per counted item. */
const TokensSchema = metricKind('tokens', {
  source: z.strictObject({ server: Count, tokenizer: Count, estimate: Count.optional() }).optional(),
  mean: z.number().optional(),
});

/** Rates per second (`throughput.*`, `goodput.requests_per_s`): the wall time measured over. */
const ThroughputSchema = metricKind('throughput', { wallSeconds: z.number().nonnegative().optional() });

/** `goodput.rate`: requests within the SLO, requests the SLO could not be checked on, the SLO. */
const GoodputSchema = metricKind('goodput', {
  good: Count,
  unmeasured: Count,
  slo: z.strictObject({ ttft_ms: z.number().optional(), tpot_ms: z.number().optional(), e2e_ms: z.number().optional() }),
});

/** Costs (`cost.*`, `judge.<id>.calls`): items without token counts, tokens, answers from the cache and what they cost. */
const CostSchema = metricKind('cost', {
  uncounted: Count.optional(),
  inputTokens: Count.optional(),
  outputTokens: Count.optional(),
  cached: Count.optional(),
  cachedUsd: z.number().nonnegative().optional(),
});

/** Plain counts (`code.failures.<class>`, `judge.<id>.errors`, `judge.<id>.self_preference`): the value is a count of n. */
const CountSchema = metricKind('count', { note: z.string().optional() });

/** A paired difference (`robustness.accuracy_change`): the test behind the interval (McNemar discordant counts b, c), what was compared. */
const PairedDifferenceValueSchema = metricKind('paired-difference', {
  pValue: Stat,
  b: Count,
  c: Count,
  test: z.string(),
  compared: z.string().optional(),
});

/** `robustness.accuracy`: the worst case over variants; accuracy on the originals and the variants compared. */
const RobustnessSchema = metricKind('robustness', { original: Stat, variants: z.array(z.string()) });

/**
 * Fairness (fairness-aggregate.ts, refusal.ts): positive decisions, invalid answers; the
 * four-fifths rule and a group it flags; the highest and lowest group; groups without a valid
 * decision; the bootstrap method and seed; flips across counterfactual groups; refusals and the
 * refusal-rate parity difference.
 */
const FairnessValueSchema = metricKind('fairness', {
  positives: Count.optional(),
  invalid: Count.optional(),
  rule: z.string().optional(),
  threshold: z.number().optional(),
  flagged: z.boolean().optional(),
  flag: z.string().optional(),
  groups: z.strictObject({ highest: z.string(), lowest: z.string() }).optional(),
  groupsWithoutValidDecisions: z.array(z.string()).optional(),
  method: z.string().optional(),
  seed: z.number().int().optional(),
  flipped: Count.optional(),
  excluded: Count.optional(),
  variant: z.string().optional(),
  pairwise: Stat.optional(),
  refused: Count.optional(),
  parityDifference: Stat.optional(),
});

/** `privacy.pii_leak_rate`: outputs that leaked, and matches by PII type. */
const PrivacySchema = metricKind('privacy', { leaked: Count, byType: z.record(z.string(), z.strictObject({ records: Count, matches: Count })) });

/** BBQ (`bias.bbq.*`, `accuracy.bbq.*`): invalid and excluded answers, the outcome counts, why a value is missing, the cluster bootstrap. */
const BbqValueSchema = metricKind('bbq', {
  invalid: Count,
  excluded: Count,
  counts: z.record(z.string(), Count),
  flag: z.string().optional(),
  interval: IntervalDetailSchema,
});

/**
 * Text overlap (ROUGE `<id>.<type>`, corpus BLEU/chrF/TER): the sacreBLEU-style signature, the
 * scale, the summed statistics, the bootstrap; ROUGE's mean precision and recall beside the F
 * value, and outputs the tokenizer emptied.
 */
const TextOverlapValueSchema = metricKind('text-overlap', {
  signature: z.string().optional(),
  scale: z.enum(['0-1', '0-100']).optional(),
  corpus: z.record(z.string(), z.union([z.number(), z.array(z.number()).readonly()])).optional(),
  interval: IntervalDetailSchema.optional(),
  precision: Stat.optional(),
  recall: Stat.optional(),
  emptiedOutputs: Count.optional(),
  warning: z.string().optional(),
});

/** A judge's own figures: `score.<judge>` with the mean grade on the rubric's scale and the grades behind it; `judge.<id>.unscored` with its count. */
const JudgeSchema = metricKind('judge', { raw: z.number().optional(), rawN: Count.optional(), count: Count.optional() });

/** Agreement (`judge.<id>.alpha*`, `kappa`, `human_kappa`, rank correlations): bootstrap settings, the α level or κ form, the judges, what was pooled, rows dropped. */
const AgreementSchema = metricKind('agreement', {
  bootstrap: z.strictObject({ resamples: Count, seed: z.number().int() }).optional(),
  method: z.string().optional(),
  level: z.string().optional(),
  judges: z.array(z.string()).optional(),
  pooled: z.string().optional(),
  dropped: Count.optional(),
});

/** `judge.<id>.bt_strength`: a Bradley–Terry strength, with what it means and the players ranked. */
const RankingSchema = metricKind('ranking', { note: z.string(), players: Count });

/** `reasoning.rate`: the share of answers with reasoning, counted by where it came from (field, think, strip). */
const ReasoningSchema = metricKind('reasoning', { sources: z.record(z.string(), Count) });

/**
 * Calibration (`calibration.*`): bins and binning, the reliability diagram, the confidence source
 * and counts by `<source>/<method>`, answers without a confidence; `selective_accuracy`: what the
 * value measures, the metric at each coverage, the curve.
 */
const CalibrationSchema = metricKind('calibration', {
  bins: z.number().int().positive().optional(),
  binning: z.enum(['equal-mass', 'equal-width']).optional(),
  reliability: z
    .array(z.strictObject({ lo: z.number(), hi: z.number(), n: Count, meanConfidence: Stat, accuracy: Stat }))
    .optional(),
  source: z.string().optional(),
  sources: z.record(z.string(), Count).optional(),
  withoutConfidence: Count.optional(),
  measure: z.string().optional(),
  byCoverage: z.record(z.string(), z.strictObject({ value: Stat, n: Count, ci95: IntervalSchema.optional() })).optional(),
  curve: z.array(z.strictObject({ coverage: z.number(), accuracy: z.number() })).optional(),
});

/** One metric in summary.json: a union by `kind`, each kind with its own details and, where broken down, its categories' kind. */
export const MetricSchema = z.discriminatedUnion('kind', [
  ProportionValueSchema.extend(byCategory(ProportionValueSchema)),
  PassAtKSchema,
  RepeatSpreadSchema,
  DistributionSchema,
  TokensSchema,
  ThroughputSchema,
  GoodputSchema,
  CostSchema,
  CountSchema,
  PairedDifferenceValueSchema.extend(byCategory(PairedDifferenceValueSchema)),
  RobustnessSchema.extend(byCategory(ProportionValueSchema)),
  FairnessValueSchema.extend(byCategory(FairnessValueSchema)),
  PrivacySchema.extend(byCategory(ProportionValueSchema)),
  BbqValueSchema.extend(byCategory(BbqValueSchema)),
  TextOverlapValueSchema.extend(byCategory(TextOverlapValueSchema)),
  JudgeSchema,
  AgreementSchema,
  RankingSchema,
  ReasoningSchema,
  CalibrationSchema,
]);
export type Metric = z.infer<typeof MetricSchema>;
export type MetricKind = Metric['kind'];
/** The metric of one kind, as writers build it. */
export type MetricOf<K extends MetricKind> = Extract<Metric, { kind: K }>;

/** The kind each broken-down kind's categories have (the upgrade of older files gives categories this kind). */
export const CATEGORY_KIND: Readonly<Partial<Record<MetricKind, MetricKind>>> = {
  proportion: 'proportion',
  'paired-difference': 'paired-difference',
  robustness: 'proportion',
  fairness: 'fairness',
  privacy: 'proportion',
  bbq: 'bbq',
  'text-overlap': 'text-overlap',
};
/** What every metric has, whatever its kind: what charts and tables plot. */
export type MetricValue = Pick<Metric, 'value' | 'n' | 'ci95'>;
