/**
 * The ports: the interfaces through which the core reaches the world (models, clocks, result
 * stores). The core defines them; adapters (lib/providers, lib/store) implement them.
 */

import type { Sample } from '../datasets/index.ts';
import type { ChatMessage, Manifest, ResultRecord, Summary, Usage } from '../results/index.ts';

/** Time, injected so tests and the Lambda workers control it. `now()` is monotonic milliseconds. */
export interface Clock {
  now(): number;
  isoNow(): string;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** What the engine asks a candidate for one work item. */
export interface CompletionRequest {
  readonly sample: Sample;
  readonly messages: readonly ChatMessage[];
  /** The primary scorer's expected answer, for controls such as `oracle`. */
  readonly expected?: string;
  /** The sample's answer options, for controls such as `chance`. */
  readonly options?: readonly string[];
  /**
   * Texts to score rather than generate (TruthfulQA MC2): the provider returns the log-likelihood
   * of each after the prompt in `optionLogLikelihoods`, and only providers that can are given it.
   */
  readonly continuations?: readonly string[];
  readonly repeat: number;
  /** Deterministic per item: the run seed mixed with the item id. */
  readonly seed: number;
  readonly signal?: AbortSignal;
}

/** A candidate's answer with its timing and token counts. */
export interface Completion {
  readonly text: string;
  /** End-to-end latency on a monotonic clock: request sent → last byte. */
  readonly latencyMs: number;
  /** Time to first token; null unless streamed. */
  readonly ttftMs: number | null;
  readonly chunkTimesMs?: readonly number[];
  readonly usage: Usage | null;
  /** Calls made, counting retries. */
  readonly attempts: number;
  readonly meta?: Readonly<Record<string, unknown>>;
  /** Per-token log-probabilities of the answer's content, when the endpoint returned them (`logprobs: true`). */
  readonly logprobs?: readonly TokenLogprob[];
  /** Reasoning the endpoint returned apart from the content (`reasoning_content` or `reasoning`). */
  readonly reasoning?: string;
  /** The server's reasoning-token count (`completion_tokens_details.reasoning_tokens`). */
  readonly reasoningTokens?: { readonly count: number; readonly source: 'server' };
  /**
   * The candidate's local tokenizer, for reasoning the server sent no count for: the engine
   * counts it once it has split the answer. Absent with `tokenizer: none` and for answers that
   * did not come from a model (replays, controls); a cache hit carries its model's.
   */
  readonly countTokens?: (text: string) => Promise<number>;
  /** Set when the answer came from the response cache: no call was made. */
  readonly cached?: CacheHit;
  /** Natural-log likelihood of each of the request's `continuations` after the prompt, in order. */
  readonly optionLogLikelihoods?: readonly number[];
}

/** One generated token with its natural-log probability and, when asked for, the alternatives. */
export interface TokenLogprob {
  readonly token: string;
  readonly logprob: number;
  readonly top?: readonly { readonly token: string; readonly logprob: number }[];
}

/** Where a cached answer came from, and what the original call took (never counted as latency). */
export interface CacheHit {
  readonly key: string;
  readonly storedAt: string;
  readonly latencyMs: number;
  readonly ttftMs: number | null;
}

/**
 * A model, a recording or a control. Providers throw `CompletionFailure` after their retries;
 * the engine turns that into an error record and moves on.
 */
export interface Provider {
  readonly id: string;
  complete(request: CompletionRequest): Promise<Completion>;
  /** The model's local tokenizer (what its completions carry as `countTokens`), so answers served without a call count alike. */
  readonly countTokens?: (text: string) => Promise<number>;
  close?(): Promise<void>;
}

/**
 * Where result sets live (a folder or an S3 prefix). The layout is the store's business;
 * callers only see runs, shards, records, manifests and summaries.
 */
export interface ResultStore {
  /** Human-readable location of a run, e.g. `results/2026…` or `s3://bucket/runs/…`. */
  locate(runId: string): string;
  listRuns(): Promise<string[]>;
  writeManifest(manifest: Manifest): Promise<void>;
  readManifest(runId: string): Promise<Manifest | null>;
  /** Appends records to a shard file (local runs write as items finish). */
  appendRecords(runId: string, shardId: string, records: readonly ResultRecord[]): Promise<void>;
  /** Replaces a shard file whole (idempotent cloud workers). */
  writeShard(runId: string, shardId: string, records: readonly ResultRecord[]): Promise<void>;
  listShards(runId: string): Promise<string[]>;
  /** Reads every record of a run; a torn final line (a crash mid-write) is skipped, not fatal. */
  readRecords(runId: string): AsyncIterable<ResultRecord>;
  /** Reads one shard file's records, in file order. */
  readShard(runId: string, shardId: string): AsyncIterable<ResultRecord>;
  readSummary(runId: string): Promise<Summary | null>;
  /** Writes summary.json atomically; after this the run is sealed. */
  writeSummary(summary: Summary): Promise<void>;
  /**
   * Takes the run's exclusive lock for the process that writes it (run, --resume); throws
   * RUN_LOCKED while another live writer holds it.
   */
  lockRun?(runId: string): Promise<{ release(): Promise<void> }>;
}
