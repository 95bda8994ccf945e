import type { Sample, SampleList } from '../datasets/index.ts';
import { CompletionFailure, describeError } from '../errors/index.ts';
import type { ChatMessage, RecordError, ResultRecord, Score, Shard } from '../results/index.ts';
import { type ScoreInput, type Scorer, optionLetter, SANDBOXED_SCORER_TYPES } from '../scorers/index.ts';
import { workItemAt, type Plan, type WorkItem } from './plan.ts';
import { itemSeed } from '../stats/index.ts';
import type { Clock, Completion, Provider } from '../ports/index.ts';
import type { PromptRenderer } from './prompt.ts';
import { createAnswerReader, type AnswerReader } from './answer-reader.ts';
import { redactOutput } from './redact-output.ts';
import { BUDGET_ERROR_CODE, describeBudgetLimit, type RunBudget } from './budget.ts';

/** A candidate ready to run: its provider and what kind of candidate it is. */
export interface CandidateRuntime {
  readonly id: string;
  readonly kind: 'model' | 'replay' | 'control';
  readonly provider: Provider;
}

/** Runs one task under the executor's concurrency limits (global and per candidate). */
export type Scheduler = <T>(candidate: string, task: () => Promise<T>) => Promise<T>;

/** Everything `runShard` needs; the same for the local executor and the Lambda workers. */
export interface ShardContext {
  readonly plan: Plan;
  /** The dataset's samples by position (rows may be read from their files as items ask for them). */
  readonly samples: SampleList;
  readonly candidates: ReadonlyMap<string, CandidateRuntime>;
  /** The first scorer is the primary one, behind `accuracy` and the oracle's expected answer. */
  readonly scorers: readonly Scorer[];
  readonly prompt: PromptRenderer;
  /** Separates reasoning and reads confidence (`reasoning:`, `calibration:`); think blocks are split without one. */
  readonly answers?: AnswerReader;
  readonly clock: Clock;
  readonly seed: number;
  readonly schedule?: Scheduler;
  /** Items already done (resume): they are not run again. */
  readonly isDone?: (item: WorkItem) => boolean;
  /** True once the run is being stopped (SIGINT): items not yet started are left for a resume. */
  readonly stopped?: () => boolean;
  /**
   * Aborts the items running when it fires (a cloud worker's deadline): their model and judge
   * calls are cancelled and they give no record, left undone like the items `stopped` kept back.
   */
  readonly signal?: AbortSignal;
  /** Called once per finished item, in completion order; the item keeps its scheduler slot until it settles. */
  readonly onRecord: (record: ResultRecord) => void | Promise<void>;
  /** The run's spending limits: an item it refuses is recorded as a `BUDGET` error, not run. */
  readonly budget?: RunBudget;
}

const runNow: Scheduler = (_candidate, task) => task();
const DEFAULT_ANSWER_READER = createAnswerReader();

/**
 * Runs every work item of a shard: render the prompt, ask the candidate, score the answer,
 * emit one record. A failing item becomes an error record; the shard always finishes.
 */
export async function runShard(shard: Shard, context: ShardContext): Promise<{ records: number; errors: number }> {
  const schedule = context.schedule ?? runNow;
  let records = 0;
  let errors = 0;
  const tasks: Promise<void>[] = [];
  for (let index = shard.start; index < shard.start + shard.size; index++) {
    const item = workItemAt(context.plan, index);
    if (context.isDone?.(item)) continue;
    tasks.push(
      schedule(item.candidate, async () => {
        if (context.stopped?.()) return;
        const record = await dispatch(item, shard.id, context);
        // Aborted while it ran: whatever it recorded (a cancelled call, a cut-short sandbox) is not its result.
        if (context.signal?.aborted) return;
        records++;
        if (record.error) errors++;
        // Inside the scheduler's slot: a store that falls behind slows dispatch down, instead of
        // finished records piling up in memory.
        await context.onRecord(record);
      }),
    );
  }
  await Promise.all(tasks);
  return { records, errors };
}

/** Runs an item, or records it as not run when the budget refuses it (checked when its turn comes, not when queued). */
async function dispatch(item: WorkItem, shardId: string, context: ShardContext): Promise<ResultRecord> {
  const { budget } = context;
  if (budget === undefined) return runWorkItem(item, shardId, context);
  if (budget.admit(item.candidate)) {
    const record = await runWorkItem(item, shardId, context);
    // Settled before the scheduler's slot frees, so the next item is judged on what this one spent.
    budget.settle(item.candidate, record);
    return record;
  }
  const sample = context.samples.at(item.sampleIndex)!;
  return notRunRecord(item, shardId, {
    sample,
    reference: context.scorers[0]!.expected(sample),
    error: { code: BUDGET_ERROR_CODE, message: `not run: ${describeBudgetLimit(budget.stop!)}` },
    now: context.clock.isoNow(),
  });
}

/**
 * The record of an item that was never asked — the budget refused it, or its worker failed
 * for good: the error, no output, no scores. The one factory of both executors, so such a
 * record matches a run item's key for key. Without the sample (the run's input could not be
 * read), it carries the sample id and no prompt.
 */
export function notRunRecord(
  item: WorkItem,
  shardId: string,
  options: { sample: Sample | { readonly id: string }; prompt?: ChatMessage[]; reference?: string; error: RecordError; now: string },
): ResultRecord {
  return makeRecord(item, shardId, options.sample, options.now, options.prompt ?? [], options.reference, {
    output: null,
    error: options.error,
    scores: {},
    latencyMs: null,
    ttftMs: null,
    chunkTimesMs: undefined,
    usage: null,
    attempts: 0,
    finishedAt: options.now,
    meta: undefined,
    reasoning: undefined,
    confidence: undefined,
    cache: undefined,
  });
}

/** Runs one work item to a record. Never throws for a model or scoring failure. */
export async function runWorkItem(item: WorkItem, shardId: string, context: ShardContext): Promise<ResultRecord> {
  const sample = context.samples.at(item.sampleIndex)!;
  const candidate = context.candidates.get(item.candidate)!;
  const startedAt = context.clock.isoNow();
  const primary = context.scorers[0]!;
  const reference = primary.expected(sample);
  const options = optionsOf(sample, context.scorers);
  let messages: ChatMessage[] = [];
  let completion: Completion;
  try {
    messages = context.prompt.render(sample);
    completion = await candidate.provider.complete({
      sample,
      messages,
      expected: reference,
      options,
      continuations: continuationsOf(sample, context.scorers),
      repeat: item.repeat,
      seed: itemSeed(context.seed, item.itemId),
      signal: context.signal,
    });
  } catch (error) {
    return makeRecord(item, shardId, sample, startedAt, messages, reference, {
      output: null,
      error: toRecordError(error),
      scores: {},
      latencyMs: null,
      ttftMs: null,
      chunkTimesMs: undefined,
      usage: null,
      attempts: error instanceof CompletionFailure ? error.attempts : 1,
      finishedAt: context.clock.isoNow(),
      meta: undefined,
      reasoning: undefined,
      confidence: undefined,
      cache: undefined,
    });
  }
  const answers = context.answers ?? DEFAULT_ANSWER_READER;
  const reading = answers.read(completion);
  const read = reading instanceof Promise ? await reading : reading;
  const { scores, error } = await scoreOutput(
    {
      sample,
      output: read.scored,
      verbatim: read.verbatim,
      prompt: messages,
      candidate: item.candidate,
      repeat: item.repeat,
      optionLogLikelihoods: completion.optionLogLikelihoods,
      signal: context.signal,
    },
    context.scorers,
  );
  const confidence = error ? undefined : answers.confidence(completion, read, chosenOption(scores[primary.id], options));
  // A program is stored as it ran: trimming would cut the indentation of its first line.
  const runsCode = context.scorers.some((scorer) => SANDBOXED_SCORER_TYPES.includes(scorer.type));
  const stored = redactOutput(runsCode ? read.verbatim : read.answer, context.scorers);
  const reasoning = read.reasoning && { ...read.reasoning, text: redactOutput(read.reasoning.text, context.scorers).text };
  // Replays, controls and cached answers come without a network call: their timings would be noise, not latency.
  const timed = candidate.kind === 'model' && completion.cached === undefined;
  return makeRecord(item, shardId, sample, startedAt, messages, reference, {
    output: stored.text,
    error,
    scores,
    latencyMs: timed ? round3(completion.latencyMs) : null,
    ttftMs: timed && completion.ttftMs !== null ? round3(completion.ttftMs) : null,
    chunkTimesMs: timed && completion.chunkTimesMs ? completion.chunkTimesMs.map(round3) : undefined,
    usage: completion.usage,
    attempts: completion.attempts,
    finishedAt: context.clock.isoNow(),
    meta: metaOf(sample, completion, stored.redacted),
    reasoning,
    confidence,
    cache: completion.cached,
  });
}

/** The provider's meta, what redaction masked, and the perturbation a variant came from (linking it to its original). */
function metaOf(sample: Sample, completion: Completion, redacted: string[] | null): Record<string, unknown> | undefined {
  const perturbation = sample.data.perturbation;
  const likelihoods = completion.optionLogLikelihoods;
  if (!redacted && perturbation === undefined && likelihoods === undefined) {
    // The common case, without spreads: the provider's meta as it is (a fresh object per completion).
    return completion.meta as Record<string, unknown> | undefined;
  }
  return {
    ...completion.meta,
    ...(redacted && { redacted }),
    ...(perturbation !== undefined && { perturbation }),
    // Kept with the record, so an MC2 score can be checked (and recomputed) from the result set.
    ...(likelihoods !== undefined && { optionLogLikelihoods: likelihoods }),
  };
}

/** The option the primary scorer read (multiple choice), for the option's log-probability. */
function chosenOption(score: Score | undefined, options: readonly string[] | undefined): { letter: string; text: string } | undefined {
  const chosen = score?.detail?.chosen;
  if (typeof chosen !== 'number' || !options || options[chosen] === undefined) return undefined;
  return { letter: optionLetter(chosen), text: options[chosen]! };
}

type RecordOutcome = Pick<
  ResultRecord,
  'output' | 'error' | 'scores' | 'latencyMs' | 'ttftMs' | 'chunkTimesMs' | 'usage' | 'attempts' | 'finishedAt' | 'meta' | 'reasoning' | 'confidence' | 'cache'
>;

/**
 * One record, always with the same keys in the same order — the schema's, so the line written is
 * the JSON the seal's digest hashes as it is (record-fast-check.ts) — absent optional fields
 * `undefined`, which JSON leaves out. A single object shape keeps the hot path monomorphic:
 * building records with conditional spreads was ~8× slower to build and serialise (see docs/performance.md).
 */
function makeRecord(
  item: WorkItem,
  shardId: string,
  sample: Pick<Sample, 'id'> & Partial<Pick<Sample, 'category' | 'cluster'>>,
  startedAt: string,
  prompt: ChatMessage[],
  reference: string | undefined,
  outcome: RecordOutcome,
): ResultRecord {
  return {
    schemaVersion: 1,
    itemId: item.itemId,
    shard: shardId,
    sampleId: sample.id,
    candidate: item.candidate,
    repeat: item.repeat,
    category: sample.category,
    cluster: sample.cluster,
    prompt,
    reference,
    output: outcome.output,
    error: outcome.error,
    scores: outcome.scores,
    latencyMs: outcome.latencyMs,
    ttftMs: outcome.ttftMs,
    chunkTimesMs: outcome.chunkTimesMs,
    usage: outcome.usage,
    attempts: outcome.attempts,
    startedAt,
    finishedAt: outcome.finishedAt,
    meta: outcome.meta,
    reasoning: outcome.reasoning,
    confidence: outcome.confidence,
    cache: outcome.cache,
  };
}

/** The texts a scorer asks the candidate to score instead of answering (the first that asks). */
function continuationsOf(sample: Sample, scorers: readonly Scorer[]): readonly string[] | undefined {
  for (const scorer of scorers) if (scorer.continuations) return scorer.continuations(sample);
  return undefined;
}

function optionsOf(sample: Sample, scorers: readonly Scorer[]): readonly string[] | undefined {
  for (const scorer of scorers) {
    const options = scorer.options(sample);
    if (options) return options;
  }
  return undefined;
}

/** Scores with every scorer in order; a synchronous scorer is not awaited (the hot path stays tight). */
async function scoreOutput(
  input: ScoreInput,
  scorers: readonly Scorer[],
): Promise<{ scores: Record<string, Score>; error: RecordError | null }> {
  const scores: Record<string, Score> = {};
  for (const scorer of scorers) {
    try {
      const score = scorer.score(input);
      scores[scorer.id] = score instanceof Promise ? await score : score;
    } catch (error) {
      return { scores, error: { code: 'SCORER_FAILED', message: `scorer "${scorer.id}": ${describeError(error)}` } };
    }
  }
  return { scores, error: null };
}

function toRecordError(error: unknown): RecordError {
  if (error instanceof CompletionFailure) {
    return { code: error.code, message: withoutUrlCredentials(error.message), ...(error.status !== undefined && { status: error.status }) };
  }
  const code = (error as { code?: unknown }).code;
  return { code: typeof code === 'string' ? code : 'INTERNAL', message: withoutUrlCredentials(describeError(error)) };
}

/** Error texts may repeat a URL with `user:password@`; records never keep credentials. */
function withoutUrlCredentials(message: string): string {
  return message.replace(/(\/\/)[^/\s@]+@/g, '$1[redacted]@');
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
