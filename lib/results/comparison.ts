import { z } from 'zod';

/** The 2×2 table behind an exact McNemar test (pass/fail per sample). */
const BinaryCountsSchema = z.strictObject({
  onlyA: z.number().int().nonnegative(),
  onlyB: z.number().int().nonnegative(),
  both: z.number().int().nonnegative(),
  neither: z.number().int().nonnegative(),
});

/** For continuous per-sample scores: on how many samples each side scored higher. */
const ContinuousCountsSchema = z.strictObject({
  aHigher: z.number().int().nonnegative(),
  bHigher: z.number().int().nonnegative(),
  ties: z.number().int().nonnegative(),
});

/**
 * One paired comparison of two candidates on one metric, over the samples both have (matched by
 * sample id). `diff` is b − a; the interval and p-value come from `test`:
 * `mcnemar-exact` (pass/fail; Wald interval for matched pairs), `paired-bootstrap` (continuous,
 * percentile interval), `paired-z-clustered` (clustered samples; cluster-robust SE) or
 * `paired-bootstrap-corpus` (a corpus metric such as BLEU resampled from its sufficient
 * statistics, with sacreBLEU's p and an approximate-randomisation p alongside).
 * `pAdjusted` is Holm-adjusted across every comparison of the same summary or compare output.

 */
export const ComparisonSchema = z.strictObject({
  a: z.string(),
  b: z.string(),
  metric: z.string(),
  /** Paired samples. */
  n: z.number().int().nonnegative(),
  valueA: z.number().nullable(),
  valueB: z.number().nullable(),
  diff: z.number().nullable(),
  ci95: z.tuple([z.number(), z.number()]).optional(),
  test: z.enum(['mcnemar-exact', 'paired-bootstrap', 'paired-z-clustered', 'paired-bootstrap-corpus']),
  pValue: z.number().nullable(),
  pAdjusted: z.number().nullable(),
  /** pAdjusted < 0.05. */
  significant: z.boolean(),
  counts: z.union([BinaryCountsSchema, ContinuousCountsSchema]),
  /** Bootstrap tests: resamples and seed. */
  resamples: z.number().int().positive().optional(),
  seed: z.number().int().optional(),
  /** `paired-z-clustered`: clusters behind the cluster-robust SE. */
  clusters: z.number().int().nonnegative().nullable().optional(),
  /** `paired-bootstrap-corpus`: the metric's direction and the approximate-randomisation p beside the bootstrap's. */
  higherIsBetter: z.boolean().optional(),
  approximateRandomization: z.strictObject({ pValue: z.number(), trials: z.number().int().positive(), seed: z.number().int() }).optional(),
  /** `verdict compare` output: the two runs compared. */
  runA: z.string().optional(),
  runB: z.string().optional(),
});
export type Comparison = z.infer<typeof ComparisonSchema>;
