import { z } from 'zod';

/** One chat message, as sent to a model. */
export const ChatMessageSchema = z.object({
  role: z.enum(['system', 'user', 'assistant']),
  content: z.string(),
});
export type ChatMessage = z.infer<typeof ChatMessageSchema>;

/**
 * Token counts and where they came from: the server's usage block, a client tokenizer, or an
 * `estimate` (the tokenizer's work is bounded: an output too long or too repetitive to tokenize
 * in linear time is estimated, and says so).
 */
export const UsageSchema = z.object({
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  source: z.enum(['server', 'tokenizer', 'estimate', 'none']),
});
export type Usage = z.infer<typeof UsageSchema>;

/** One scorer's verdict on one output. `detail` carries what the scorer's aggregate needs. */
export const ScoreSchema = z.object({
  value: z.number().min(0).max(1),
  pass: z.boolean(),
  detail: z.record(z.string(), z.unknown()).optional(),
});
export type Score = z.infer<typeof ScoreSchema>;

/** Why an item has no output: the last error after every retry. */
export const RecordErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  status: z.number().int().optional(),
});
export type RecordError = z.infer<typeof RecordErrorSchema>;

/**
 * One work item's outcome: a line of `<run>/records/<shard>.jsonl`.
 * A failed item is data: `error` is set, `output` is null and the run goes on.
 */
export const ResultRecordSchema = z.object({
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
});
export type ResultRecord = z.infer<typeof ResultRecordSchema>;
