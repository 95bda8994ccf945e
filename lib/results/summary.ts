import { z } from 'zod';
import { ComparisonSchema } from './comparison.ts';

export const SUMMARY_SCHEMA_VERSION = 1;

const IntervalSchema = z.tuple([z.number(), z.number()]);

/** A metric's value for one group: the value, its n and, where defined, a 95% interval. */
const MetricValueSchema = z.looseObject({
  value: z.number().nullable(),
  n: z.number().int().nonnegative(),
  ci95: IntervalSchema.optional(),
});

/**
 * One metric in summary.json. Extra keys (e.g. `invalid`, `excluded`, `method`) are allowed so
 * metrics can carry the counts behind them.
 */
export const MetricSchema = MetricValueSchema.extend({
  byCategory: z.record(z.string(), MetricValueSchema).optional(),
});
export type Metric = z.infer<typeof MetricSchema>;

export const CandidateSummarySchema = z.looseObject({
  n: z.number().int().nonnegative(),
  errors: z.number().int().nonnegative(),
  /** `model` for a real model; `control` for a built-in reference candidate (never called a model). */
  kind: z.enum(['model', 'control', 'replay']).optional(),
  metrics: z.record(z.string(), MetricSchema),
  /** Why items failed, grouped by first cause (code + message), most frequent first. */
  errorCauses: z.array(z.object({ code: z.string(), message: z.string(), count: z.number().int().positive() })).optional(),
});
export type CandidateSummary = z.infer<typeof CandidateSummarySchema>;

export const GateResultSchema = z.looseObject({
  candidate: z.string(),
  metric: z.string(),
  op: z.string(),
  threshold: z.number(),
  value: z.number().nullable(),
  pass: z.boolean(),
  /** One sentence saying what was checked and why it passed or failed. */
  reason: z.string().optional(),
});
export type GateResult = z.infer<typeof GateResultSchema>;

/** summary.json: what a run produced. Written last and atomically; its presence seals the run. */
export const SummarySchema = z.looseObject({
  schemaVersion: z.literal(SUMMARY_SCHEMA_VERSION),
  runId: z.string(),
  spec: z.object({ name: z.string(), sha256: z.string() }),
  dataset: z.object({ sha256: z.string(), count: z.number().int().nonnegative() }),
  candidates: z.record(z.string(), CandidateSummarySchema),
  gates: z.array(GateResultSchema),
  comparisons: z.array(ComparisonSchema).optional(),
  passed: z.boolean(),
  startedAt: z.string().optional(),
  /** SHA-256 of the manifest and the records the summary was computed from (`verdict verify`). */
  integrity: z
    .object({ algorithm: z.literal('sha256'), manifestSha256: z.string(), recordsSha256: z.string(), records: z.number().int() })
    .optional(),
  finishedAt: z.string().optional(),
  /** Optional signature over the rest of the summary: an Ed25519 key file (`verdict run --sign-key`) or an AWS KMS key (docs/audit.md). */
  signature: z
    .discriminatedUnion('algorithm', [
      z.object({ algorithm: z.literal('ed25519'), publicKey: z.string(), keyFingerprint: z.string(), value: z.string() }),
      z.object({ algorithm: z.literal('ecdsa-p256-sha256'), keyId: z.string(), publicKey: z.string().optional(), keyFingerprint: z.string().optional(), value: z.string() }),
    ])
    .optional(),
});
export type Summary = z.infer<typeof SummarySchema>;
