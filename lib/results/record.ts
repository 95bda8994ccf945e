import { z } from 'zod';

/** One chat message, as sent to a model. */
export const ChatMessageSchema = z.strictObject({
  role: z.enum(['system', 'user', 'assistant']),
  content: z.string(),
});
export type ChatMessage = z.infer<typeof ChatMessageSchema>;

/**
 * Token counts and where they came from: the server's usage block, a client tokenizer, or an
 * `estimate` (the tokenizer's work is bounded: an output too long or too repetitive to tokenize
 * in linear time is estimated, and says so).
 */
export const UsageSchema = z.strictObject({
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  source: z.enum(['server', 'tokenizer', 'estimate', 'none']),
});
export type Usage = z.infer<typeof UsageSchema>;

/** One scorer's verdict on one output. `detail` carries what the scorer's aggregate needs. */
export const ScoreSchema = z.strictObject({
  value: z.number().min(0).max(1),
  pass: z.boolean(),
  detail: z.record(z.string(), z.unknown()).optional(),
});
export type Score = z.infer<typeof ScoreSchema>;

/** Why an item has no output: the last error after every retry. */
export const RecordErrorSchema = z.strictObject({
  code: z.string(),
  message: z.string(),
  status: z.number().int().optional(),
});
export type RecordError = z.infer<typeof RecordErrorSchema>;

/**
 * A chain of thought kept apart from the answer (never scored): from a response field
 * (`reasoning_content`, `reasoning`), `<think>` blocks, or what the spec's `reasoning.strip` cut.
 * `tokens` is the server's reasoning-token count, else a local count (`tokensSource`), else null.
 */
export const RecordReasoningSchema = z.strictObject({
  text: z.string(),
  source: z.enum(['field', 'think', 'strip']),
  tokens: z.number().int().nonnegative().nullable(),
  tokensSource: z.enum(['server', 'tokenizer', 'logprobs']).optional(),
});
export type RecordReasoning = z.infer<typeof RecordReasoningSchema>;

/**
 * The answer's confidence in [0, 1] and where it came from: `logprobs` (method
 * `option-probability` for multiple choice, `mean-token-probability` otherwise) or `verbalized`
 * (method `stated`, with the statement as written).
 */
export const RecordConfidenceSchema = z.strictObject({
  value: z.number().min(0).max(1),
  source: z.enum(['logprobs', 'verbalized']),
  method: z.enum(['option-probability', 'mean-token-probability', 'stated']),
  tokens: z.number().int().nonnegative().optional(),
  statement: z.string().optional(),
});
export type RecordConfidence = z.infer<typeof RecordConfidenceSchema>;

/**
 * One work item's outcome: a line of `<run>/records/<shard>.jsonl`.
 * A failed item is data: `error` is set, `output` is null and the run goes on.
 * Strict at every level, as manifest and summary are (decision 0012): a key this schema does not
 * declare is refused on read, naming the file, line and key. (`meta` and a score's `detail` are
 * free-form maps by design.)
 */
export const ResultRecordSchema = z.strictObject({
  schemaVersion: z.literal(1),
  itemId: z.string(),
  shard: z.string(),
  sampleId: z.string(),
  candidate: z.string(),
  repeat: z.number().int().nonnegative(),
  category: z.string().optional(),
  cluster: z.string().optional(),
  prompt: z.array(ChatMessageSchema),
  reference: z.string().optional(),
  output: z.string().nullable(),
  error: RecordErrorSchema.nullable(),
  scores: z.record(z.string(), ScoreSchema),
  latencyMs: z.number().nonnegative().nullable(),
  ttftMs: z.number().nonnegative().nullable(),
  /** Arrival time of each streamed chunk after the request was sent, in ms (streaming only). */
  chunkTimesMs: z.array(z.number()).optional(),
  usage: UsageSchema.nullable(),
  attempts: z.number().int().nonnegative(),
  startedAt: z.string(),
  finishedAt: z.string(),
  /** Free-form extras from providers or expansions (e.g. counterfactual group), kept for audit. */
  meta: z.record(z.string(), z.unknown()).optional(),
  reasoning: RecordReasoningSchema.optional(),
  confidence: RecordConfidenceSchema.optional(),
  /**
   * Present when the answer was served from the response cache: its key, when it was stored,
   * and the original call's latency. Such a record has `latencyMs: null` and costs 0.
   */
  cache: z
    .object({ key: z.string(), storedAt: z.string(), latencyMs: z.number().nonnegative(), ttftMs: z.number().nonnegative().nullable() })
    .optional(),
});
export type ResultRecord = z.infer<typeof ResultRecordSchema>;
