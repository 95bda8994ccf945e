import { z } from 'zod';

/**
 * Where the baseline run of baseline gates comes from: a run folder (relative to the spec),
 * `latest` or `latest-passing` (the newest earlier sealed run of the same spec in the same results
 * folder that passed its gates), `latest-sealed` (the same, whatever its verdict), or an
 * `s3://bucket/prefix/<run-id>` URI (resolved by a registered {@link BaselineSource}).
 */
export const BaselineRefSchema = z.string().min(1);

/**
 * A baseline gate: fails only when `metric` dropped by more than `maxDrop` against the baseline
 * run AND the drop is significant at `alpha` (a one-sided paired non-inferiority test on the
 * samples both runs share, matched by sample id).
 */
export const DropGateSchema = z
  .object({
    metric: z
      .string()
      .regex(
        /^(accuracy|score\.[^.]+|[A-Za-z][\w-]*)$/,
        'baseline gates need a per-sample metric ("accuracy" or "score.<scorer>") or a corpus metric (a bleu, chrf or ter scorer id) with maxDrop, or a latency percentile (latency.p95_ms) with maxIncrease in ms',
      ),
    /** Largest tolerated drop, in the metric's units (0.02 = 2 points of accuracy; 1 = 1 BLEU point). */
    maxDrop: z.number().min(0).max(100),
    /** One-sided significance level of the drop. @default 0.05 */
    alpha: z.number().gt(0).lt(0.5).default(0.05),
    /** Gate only this candidate; otherwise every candidate the baseline also has. */
    candidate: z.string().optional(),
    /** The baseline's candidate to compare with. @default the same id */
    baselineCandidate: z.string().optional(),
  })
  .strict();

/**
 * A baseline gate on a latency percentile: fails only when the candidate's percentile rose by
 * more than `maxIncrease` ms over the baseline run's AND the rise is significant at `alpha` (a
 * one-sided two-sample bootstrap of the percentile difference; the two runs' requests are
 * independent samples, not pairs).
 */
export const LatencyBaselineGateSchema = z
  .object({
    metric: z
      .string()
      .regex(/^(latency|ttft)\.p(50|90|95|99)_ms$/, 'a maxIncrease gate needs a latency percentile: latency.p50_ms … latency.p99_ms or ttft.p50_ms … ttft.p99_ms'),
    /** Largest tolerated rise of the percentile, in ms. */
    maxIncrease: z.number().min(0),
    /** One-sided significance level of the rise. @default 0.05 */
    alpha: z.number().gt(0).lt(0.5).default(0.05),
    candidate: z.string().optional(),
    baselineCandidate: z.string().optional(),
  })
  .strict();

/** Either kind of baseline gate: `maxDrop` (per-sample or corpus metrics) or `maxIncrease` (latency percentiles). */
export const BaselineGateSchema = z.union([DropGateSchema, LatencyBaselineGateSchema]);

/** A pair of candidates to compare in summary.json `comparisons[]`; b − a is reported. */
export const ComparePairSchema = z.object({ a: z.string().min(1), b: z.string().min(1) }).strict();

export type BaselineGate = z.infer<typeof BaselineGateSchema>;
export type DropGate = z.infer<typeof DropGateSchema>;
export type LatencyBaselineGate = z.infer<typeof LatencyBaselineGateSchema>;
export type ComparePair = z.infer<typeof ComparePairSchema>;

/** True for a baseline gate (it has `maxDrop` or `maxIncrease`), false for a threshold gate. */
export function isBaselineGate(gate: object): gate is BaselineGate {
  return 'maxDrop' in gate || 'maxIncrease' in gate;
}

/** True for a latency baseline gate (`maxIncrease`). */
export function isLatencyBaselineGate(gate: BaselineGate): gate is LatencyBaselineGate {
  return 'maxIncrease' in gate;
}
