import { z } from 'zod';
import { ComparisonSchema } from './comparison.ts';
import { MetricSchema } from './metric.ts';
import { SandboxIsolationSchema } from './sandbox-isolation.ts';

export type { Metric, MetricOf, MetricValue } from './metric.ts';

/** The summary.json format version; see docs/architecture.md "Result-set contract" for when it changes. */
export const SUMMARY_SCHEMA_VERSION = 2;

const Count = z.number().int().nonnegative();

/** A load level's identifying keys, as `load.levels[]` and `sweep[]` give them. */
const levelKeyFields = {
  index: Count,
  /** `c=16` or `rate=8/s`. */
  label: z.string(),
  concurrency: z.number().int().positive().optional(),
  rate: z.number().positive().optional(),
};

/** One level of a sweep for one candidate: its level, requests and latency metrics (load-metrics.ts). */
export const SweepPointSchema = z.strictObject({ ...levelKeyFields, n: Count, metrics: z.record(z.string(), MetricSchema) });
export type SweepPoint = z.infer<typeof SweepPointSchema>;

/** summary.json `load`: present when the run did more than a plain closed loop (open loop, warm-up, sweep). */
export const SummaryLoadSchema = z.strictObject({
  mode: z.enum(['closed', 'open']),
  warmup: Count,
  sweepOver: z.enum(['concurrency', 'rate']).optional(),
  levels: z.array(z.strictObject(levelKeyFields)),
});
export type SummaryLoad = z.infer<typeof SummaryLoadSchema>;

export const CandidateSummarySchema = z.strictObject({
  n: Count,
  errors: Count,
  /** `model` for a real model; `control` for a built-in reference candidate (never called a model). */
  kind: z.enum(['model', 'control', 'replay']).optional(),
  metrics: z.record(z.string(), MetricSchema),
  /** Why items failed, grouped by first cause (code + message), most frequent first. */
  errorCauses: z.array(z.strictObject({ code: z.string(), message: z.string(), count: z.number().int().positive() })).optional(),
  /** A sweep's latency-versus-throughput curve, one point per level in run order. */
  sweep: z.array(SweepPointSchema).optional(),
});
export type CandidateSummary = z.infer<typeof CandidateSummarySchema>;

/** What every gate result says: which candidate and metric, the rule, the value, the verdict and why. */
const gateHeadFields = {
  /** The candidate checked, or `*` when the gate could not be applied to any. */
  candidate: z.string(),
  metric: z.string(),
  threshold: z.number(),
  value: z.number().nullable(),
  pass: z.boolean(),
  /** One sentence saying what was checked and why it passed or failed. */
  reason: z.string().optional(),
};

/** A threshold gate `{ metric, op, value, on, abs }` on a summary metric (lib/gate/evaluate-gates.ts); it has no `kind`. */
export const ThresholdGateResultSchema = z.strictObject({
  ...gateHeadFields,
  kind: z.undefined().optional(),
  op: z.enum(['>=', '>', '<=', '<', '==']),
  /** Which number was compared: the value or a bound of its 95% interval. */
  on: z.enum(['value', 'ci_low', 'ci_high']).optional(),
  /** The absolute value (or interval of |x|) was compared. */
  abs: z.literal(true).optional(),
});

/** The run a baseline gate compared against. */
const BaselineRefSchema = z.strictObject({
  runId: z.string(),
  candidate: z.string(),
  /** How a `latest` reference chose it: `latest`, `latest-passing`, `latest-sealed`. */
  chosenBy: z.string().optional(),
});

const baselineHeadFields = {
  ...gateHeadFields,
  kind: z.literal('baseline'),
  alpha: z.number(),
  /** No baseline run yet (the first run of a new eval) or too few requests: passes, and says so. */
  skipped: z.literal(true).optional(),
  baseline: BaselineRefSchema.optional(),
  /** Matched samples (drop gates) or this run's requests (latency gates). */
  n: Count.optional(),
  baselineValue: z.number().optional(),
  candidateValue: z.number().optional(),
  pValue: z.number().nullable().optional(),
};

/**
 * A baseline drop gate `{ metric, maxDrop, alpha }` (lib/gate/baseline-gates.ts): the drop on the
 * shared samples by a one-sided paired margin test, or for a corpus metric a paired bootstrap.
 */
export const DropGateResultSchema = z.strictObject({
  ...baselineHeadFields,
  op: z.literal('maxDrop'),
  test: z.enum(['paired-margin-z', 'paired-margin-z-clustered', 'paired-bootstrap-corpus']).optional(),
  se: z.number().nullable().optional(),
  /** Pass/fail data: the discordant-pair table. */
  counts: z.strictObject({ onlyA: Count, onlyB: Count, both: Count, neither: Count, n: Count }).optional(),
  /** Corpus metrics: the bootstrap interval of the drop and its resamples. */
  dropCi95: z.tuple([z.number(), z.number()]).optional(),
  resamples: Count.optional(),
});

/** A latency baseline gate `{ metric: latency.p95_ms, maxIncrease, alpha }` (lib/gate/latency-baseline-gate.ts). */
export const LatencyIncreaseGateResultSchema = z.strictObject({
  ...baselineHeadFields,
  op: z.literal('maxIncrease'),
  baselineN: Count.optional(),
  increaseCi95: z.tuple([z.number(), z.number()]).optional(),
  test: z.string().optional(),
});

/** One gate result: a threshold gate (no `kind`) or a baseline gate (`kind: baseline`, by `op`). */
export const GateResultSchema = z.discriminatedUnion('kind', [
  ThresholdGateResultSchema,
  z.discriminatedUnion('op', [DropGateResultSchema, LatencyIncreaseGateResultSchema]),
]);
export type GateResult = z.infer<typeof GateResultSchema>;
export type ThresholdGateResult = z.infer<typeof ThresholdGateResultSchema>;
export type BaselineGateResult = z.infer<typeof DropGateResultSchema> | z.infer<typeof LatencyIncreaseGateResultSchema>;

/** summary.json: what a run produced. Written last and atomically; its presence seals the run. */
export const SummarySchema = z.strictObject({
  schemaVersion: z.literal(SUMMARY_SCHEMA_VERSION),
  runId: z.string(),
  spec: z.strictObject({ name: z.string(), sha256: z.string() }),
  dataset: z.strictObject({ sha256: z.string(), count: Count }),
  candidates: z.record(z.string(), CandidateSummarySchema),
  gates: z.array(GateResultSchema),
  comparisons: z.array(ComparisonSchema).optional(),
  passed: z.boolean(),
  load: SummaryLoadSchema.optional(),
  /** The isolation the code sandbox achieved (copied from the manifest). */
  sandbox: SandboxIsolationSchema.optional(),
  startedAt: z.string().optional(),
  /** SHA-256 of the manifest and the records the summary was computed from (`verdict verify`). */
  integrity: z
    .strictObject({ algorithm: z.literal('sha256'), manifestSha256: z.string(), recordsSha256: z.string(), records: z.number().int() })
    .optional(),
  finishedAt: z.string().optional(),
  /** Optional signature over the rest of the summary: an Ed25519 key file (`verdict run --sign-key`) or an AWS KMS key (docs/audit.md). */
  signature: z
    .discriminatedUnion('algorithm', [
      z.strictObject({ algorithm: z.literal('ed25519'), publicKey: z.string(), keyFingerprint: z.string(), value: z.string() }),
      z.strictObject({ algorithm: z.literal('ecdsa-p256-sha256'), keyId: z.string(), publicKey: z.string().optional(), keyFingerprint: z.string().optional(), value: z.string() }),
    ])
    .optional(),
});
export type Summary = z.infer<typeof SummarySchema>;
