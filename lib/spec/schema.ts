import { BaselineGateSchema, BaselineRefSchema, ComparePairSchema } from './release-schema.ts';
import { z } from 'zod';
import { JudgeControlParamsSchema, providerDefinitions } from './providers/index.ts';
import { scorerRegistry } from '../scorers/index.ts';
import { datasetFormats, DatasetSpecSchema } from '../datasets/index.ts';
import { CalibrationSpecSchema, ReasoningSpecSchema } from './answer-spec.ts';
import { checkGateMetric } from './metric-catalog.ts';

const Identifier = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'use letters, digits, ".", "_" and "-" (no spaces)');

const ChatMessageSpecSchema = z.object({ role: z.enum(['system', 'user', 'assistant']), content: z.string() }).strict();

/** Price per million tokens, for `cost.usd`. */
const PriceSchema = z
  .object({ inputPerMTokUsd: z.number().nonnegative(), outputPerMTokUsd: z.number().nonnegative() })
  .strict();

/**
 * The provider's own limits for this model, across every worker: requests per minute, tokens
 * (input + output) per minute and requests in flight. A local run holds them as they are; a
 * cloud run gives each of the map's workers an equal share (the manifest records the partition).
 */
export const RateLimitSchema = z
  .object({
    rpm: z.number().positive().optional(),
    tpm: z.number().positive().optional(),
    concurrency: z.number().int().positive().optional(),
  })
  .strict()
  .refine((limit) => limit.rpm !== undefined || limit.tpm !== undefined || limit.concurrency !== undefined, {
    message: 'give at least one of rpm, tpm, concurrency',
  });
export type RateLimit = z.infer<typeof RateLimitSchema>;

const candidateCommon = {
  id: Identifier,
  /** Caps this candidate's in-flight requests below the run-wide concurrency. */
  concurrency: z.number().int().positive().optional(),
  price: PriceSchema.optional(),
  rateLimit: RateLimitSchema.optional(),
};

function candidateSchemaFor<Params extends z.ZodObject>(id: string, params: Params) {
  return params.extend({ ...candidateCommon, provider: z.literal(id) }).strict();
}

const candidateSchemas = Object.values(providerDefinitions).map((definition) =>
  candidateSchemaFor(definition.id, definition.params),
);

type CandidateShape = z.ZodObject<typeof candidateCommon & { provider: z.ZodLiteral<string> }, z.core.$loose>;

/** A candidate: the common keys plus its provider's own params (unknown keys rejected). */
export const CandidateSpecSchema = z.discriminatedUnion(
  'provider',
  candidateSchemas as unknown as [CandidateShape, ...CandidateShape[]],
);

/**
 * A reusable judge (`judges:`): the keys of a candidate, or a judge control
 * (`{ id, provider: control, kind: prefers-first | always-pass }`). Scorers name it by id.
 */
export const JudgeSpecSchema = z.union([
  JudgeControlParamsSchema.extend({ id: Identifier, concurrency: candidateCommon.concurrency }).strict(),
  CandidateSpecSchema,
]);

const scorerSchemas = Object.values(scorerRegistry).map((definition) =>
  definition.params.extend({ type: z.literal(definition.id), id: Identifier.optional() }).strict(),
);

type ScorerShape = z.ZodObject<{ type: z.ZodLiteral<string>; id: z.ZodOptional<typeof Identifier> }, z.core.$loose>;

/** A scorer: its type, an optional id, and the type's own params (unknown keys rejected). */
export const ScorerSpecSchema = z.discriminatedUnion(
  'type',
  scorerSchemas as unknown as [ScorerShape, ...ScorerShape[]],
);

export const GATE_OPS = ['>=', '>', '<=', '<', '=='] as const;

/** A threshold on a summary metric, for every candidate or one. */
export const ThresholdGateSchema = z
  .object({
    metric: z.string().min(1),
    op: z.enum(GATE_OPS),
    value: z.number(),
    candidate: z.string().optional(),
    /** Compare the point value or a bound of its 95% interval. */
    on: z.enum(['value', 'ci_low', 'ci_high']).default('value'),
    /** Compare |value| (for signed metrics such as bias scores). */
    abs: z.boolean().default(false),
  })
  .strict();

const Levels = <T extends z.ZodNumber>(level: T) => z.array(level).min(1);
const SweepSpecSchema = z.union([
  Levels(z.number().int().positive()),
  z.object({ concurrency: Levels(z.number().int().positive()) }).strict(),
  z.object({ rate: Levels(z.number().positive()) }).strict(),
]);

export const ExecutionSpecSchema = z
  .object({
    concurrency: z.number().int().positive().default(16),
    timeoutMs: z.number().int().positive().default(60_000),
    retries: z.number().int().nonnegative().default(4),
    repeats: z.number().int().positive().default(1),
    /** Work items per shard; the planner chooses when unset. */
    shardSize: z.number().int().positive().optional(),
    seed: z.number().int().default(0),
    /** Open loop: requests arrive at this rate (per second, Poisson, seeded) instead of a fixed concurrency. */
    rate: z.number().positive().optional(),
    /** Requests per model candidate sent before each load level and left out of every figure. */
    warmup: z.number().int().nonnegative().default(0),
    /** Run the plan once per level: `[1, 4, 16]` or `{ concurrency: [...] }` (closed loop), `{ rate: [...] }` (open loop). */
    sweep: SweepSpecSchema.optional(),
    /** Stop dispatching before the run's cost (candidates with a `price`) would pass this many US dollars. */
    maxCostUsd: z.number().positive().optional(),
    /** Stop dispatching before the run's model tokens (input + output) would pass this many. */
    maxTokens: z.number().int().positive().optional(),
    /** Opt-in to running model output (the `code` scorer); `--allow-code-execution` does the same. */
    allowCodeExecution: z.boolean().optional(),
    /** Where model code runs: `local` (a sandboxed child process) or `lambda` (the stack's sandbox function). */
    sandbox: z.enum(['local', 'lambda']).optional(),
    /** Cloud runs: shards that run at once (the Distributed Map's MaxConcurrency, default 40); candidates' `rateLimit` is split over them. */
    workers: z.number().int().positive().max(10_000).optional(),
  })
  .strict()
  .refine((execution) => execution.rate === undefined || execution.sweep === undefined, {
    path: ['sweep'],
    message: 'give either "rate" or "sweep"; to sweep arrival rates write sweep: { rate: [1, 2, 4] }',
  });

/**
 * The response cache. `auto` (default): temperature-0 requests only; `on`: every model request;
 * `off`: none. `true`/`false` are `on`/`off`. `dir` is relative to the spec file (default `.verdict-cache`).
 */
export const CacheSpecSchema = z.union([
  z.boolean(),
  z.object({ mode: z.enum(['auto', 'on', 'off']).default('auto'), dir: z.string().min(1).optional() }).strict(),
]);

/** Latency objectives for `goodput.rate`: a request is good when it meets every one given (vLLM goodput). */
export const SloSpecSchema = z
  .object({ ttft_ms: z.number().positive().optional(), tpot_ms: z.number().positive().optional(), e2e_ms: z.number().positive().optional() })
  .strict()
  .refine((slo) => Object.keys(slo).length > 0, { message: 'give at least one of ttft_ms, tpot_ms, e2e_ms' });

export const EvalSpecSchema = z
  .object({
    name: Identifier,
    description: z.string().optional(),
    dataset: DatasetSpecSchema,
    prompt: z.string().optional(),
    system: z.string().optional(),
    messages: z.array(ChatMessageSpecSchema).min(1).optional(),
    candidates: z.array(CandidateSpecSchema).min(1),
    /** Optional only for dataset formats with default scorers (mmlu, arc, mgsm...). */
    scorers: z.array(ScorerSpecSchema).min(1).optional(),
    /** Reusable judges for `type: judge` scorers, named by id (same keys as candidates, or a judge control). */
    judges: z.array(JudgeSpecSchema).optional(),
    gates: z.array(z.union([ThresholdGateSchema, BaselineGateSchema])).default([]),
    /** The run baseline gates compare against: a run folder, `latest`, or `s3://...`. */
    baseline: BaselineRefSchema.optional(),
    /** Candidate pairs for `comparisons[]`; default every pair except control vs control. */
    compare: z.array(ComparePairSchema).optional(),
    execution: ExecutionSpecSchema.default(() => ExecutionSpecSchema.parse({})),
    /** Latency SLOs behind `goodput.rate`, e.g. { ttft_ms: 500, e2e_ms: 3000 }. */
    slo: SloSpecSchema.optional(),
    /** Per-answer confidence and the `calibration.*` metrics. */
    calibration: CalibrationSpecSchema.optional(),
    /** How a chain of thought is told apart from the scored answer. */
    reasoning: ReasoningSpecSchema.optional(),
    /** The response cache for local runs; on for temperature-0 requests when absent. */
    cache: CacheSpecSchema.optional(),
  })
  .strict()
  .superRefine((spec, context) => {
    const formatPrompt = datasetFormats[spec.dataset.format]?.defaultPrompt;
    if (spec.prompt !== undefined && spec.messages !== undefined) {
      context.addIssue({ code: 'custom', path: ['prompt'], message: 'give exactly one of "prompt" or "messages"' });
    } else if (spec.prompt === undefined && spec.messages === undefined && formatPrompt === undefined) {
      context.addIssue({ code: 'custom', path: ['prompt'], message: 'give exactly one of "prompt" or "messages"' });
    }
    if (spec.scorers === undefined && datasetFormats[spec.dataset.format]?.defaultScorers === undefined) {
      context.addIssue({ code: 'custom', path: ['scorers'], message: `give at least one scorer (format "${spec.dataset.format}" has no default scorer)` });
    }
    reportUnknownCandidates(spec, context);
    spec.gates.forEach((gate, index) => {
      const scorers = spec.scorers ?? ((datasetFormats[spec.dataset.format]?.defaultScorers ?? []) as { type: string; id?: string }[]);
      const check = checkGateMetric(gate.metric, { ...spec, scorers });
      if (!check.ok) context.addIssue({ code: 'custom', path: ['gates', index, 'metric'], message: check.message, params: { verbatim: true } });
    });
    reportDuplicates(spec.candidates.map((candidate) => candidate.id), 'candidates', context);
    reportDuplicates((spec.scorers ?? []).map((scorer) => scorer.id ?? scorer.type), 'scorers', context);
    if (spec.judges) reportDuplicates(spec.judges.map((judge) => judge.id), 'judges', context);
    reportUnknownJudges(spec, context);
  })
  // A format's default prompt (e.g. BBQ's A/B/C question) becomes the spec's prompt, so the manifest records it.
  .transform((spec) =>
    spec.prompt !== undefined || spec.messages !== undefined ? spec : { ...spec, prompt: datasetFormats[spec.dataset.format]?.defaultPrompt },
  )
  // Likewise a format's default scorers (e.g. MMLU's letter check), so the manifest records them.
  .transform(({ scorers, ...spec }) => ({ ...spec, scorers: scorers ?? z.array(ScorerSpecSchema).parse(datasetFormats[spec.dataset.format]!.defaultScorers) }));

/** `compare` pairs and gates' `candidate` must name candidates of the spec. */
function reportUnknownCandidates(
  spec: { candidates: { id: string }[]; compare?: { a: string; b: string }[]; gates: { candidate?: string }[] },
  context: z.RefinementCtx,
): void {
  const known = spec.candidates.map((candidate) => candidate.id);
  const check = (id: string | undefined, path: (string | number)[]) => {
    if (id !== undefined && !known.includes(id)) {
      context.addIssue({ code: 'custom', path, message: `unknown candidate; known: ${known.join(', ')}` });
    }
  };
  spec.compare?.forEach((pair, index) => {
    check(pair.a, ['compare', index, 'a']);
    check(pair.b, ['compare', index, 'b']);
  });
  for (const [index, gate] of spec.gates.entries()) check(gate.candidate, ['gates', index, 'candidate']);
}

/** A scorer's `judge:` / `judges:` id must name a `judges:` entry (inline judges are checked when the run creates them). */
function reportUnknownJudges(spec: { judges?: { id: string }[]; scorers?: Record<string, unknown>[] }, context: z.RefinementCtx): void {
  const known = (spec.judges ?? []).map((judge) => judge.id);
  (spec.scorers ?? []).forEach((scorer, index) => {
    const refs: [unknown, (string | number)[]][] = [[scorer.judge, ['scorers', index, 'judge']]];
    if (Array.isArray(scorer.judges)) {
      for (const [position, ref] of scorer.judges.entries()) refs.push([ref, ['scorers', index, 'judges', position]]);
    }
    for (const [ref, path] of refs) {
      if (typeof ref === 'string' && !known.includes(ref)) {
        context.addIssue({ code: 'custom', path, message: `unknown judge "${ref}"; ${known.length > 0 ? `known: ${known.join(', ')}` : 'define it under judges:'}` });
      }
    }
  });
}

function reportDuplicates(ids: string[], key: string, context: z.RefinementCtx): void {
  const seen = new Set<string>();
  ids.forEach((id, index) => {
    if (seen.has(id)) {
      context.addIssue({ code: 'custom', path: [key, index, 'id'], message: `duplicate id "${id}"; give each an "id"` });
    }
    seen.add(id);
  });
}

export type EvalSpec = z.infer<typeof EvalSpecSchema>;
export type CandidateSpec = EvalSpec['candidates'][number];
export type ScorerSpec = EvalSpec['scorers'][number];
export type JudgeSpec = z.infer<typeof JudgeSpecSchema>;
export type ThresholdGate = z.infer<typeof ThresholdGateSchema>;
export type GateSpec = EvalSpec['gates'][number];
