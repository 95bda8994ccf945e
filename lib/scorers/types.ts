import type { z } from 'zod';
import type { Sample } from '../datasets/index.ts';
import type { ChatMessage, Metric, ResultRecord, Score } from '../results/index.ts';
import type { JudgePort } from './judge/judge-port.ts';
import type { Sandbox } from './sandbox.ts';

/** What a scorer sees for one work item. */
export interface ScoreInput {
  readonly sample: Sample;
  /** The answer, reasoning removed and trimmed. */
  readonly output: string;
  /**
   * The same answer with its leading and trailing whitespace kept, for scorers to which
   * whitespace is meaningful (code: a completion's first line is indented). Defaults to `output`.
   */
  readonly verbatim?: string;
  /** The messages the candidate was sent (a judge shows the question it answered). */
  readonly prompt?: readonly ChatMessage[];
  /** The candidate that answered (a judge that is also a candidate is flagged). */
  readonly candidate?: string;
  readonly repeat?: number;
  /** Aborted when the item's time is up; an asynchronous grader must stop then. */
  readonly signal?: AbortSignal;
  /** The candidate's log-likelihood of each of the scorer's `continuations`, in order (MC2). */
  readonly optionLogLikelihoods?: readonly number[];
}

/**
 * The ports a grader may use, supplied by the executor that runs it (the local pool or a Lambda
 * worker), so a scorer that calls a judge model or a sandbox stays a pure function of its ports.
 * Each port is optional: a run provides the ones its scorers declare they need.
 */
export interface ScorerPorts {
  /** Judge models for `type: judge` scorers (lib/scorers/judge), and baseline answers for pairwise judging. */
  readonly judge?: JudgePort;
  /** Runs untrusted programs (the `code` scorer); present only when the run opted in to code execution. */
  readonly sandbox?: Sandbox;
}

/** What `create` gets besides the scorer's own parameters. */
export interface ScorerCreateOptions {
  readonly id: string;
  readonly ports: ScorerPorts;
}

/** A configured scorer, ready to score many outputs. */
export interface Scorer {
  /** The id its scores are stored under (`score.<id>`); the spec's `id`, else its type. */
  readonly id: string;
  readonly type: string;
  /** The expected answer for a sample, rendered from the scorer's reference; what `oracle` returns. */
  expected(sample: Sample): string | undefined;
  /** The sample's answer options, when the scorer knows them (multiple choice); used by `chance`. */
  options(sample: Sample): readonly string[] | undefined;
  /**
   * Optional: texts whose log-likelihood after the prompt the candidate must give instead of
   * generating an answer (TruthfulQA MC2). Only candidates whose provider can score text run it.
   */
  continuations?(sample: Sample): readonly string[];
  /**
   * Scores one output: a value in [0, 1] and a pass. Plain scorers are pure and synchronous;
   * graders that call a port (a judge model, a sandbox) return a promise.
   */
  score(input: ScoreInput): Score | Promise<Score>;
  /**
   * Optional: the output as it may be stored (e.g. `pii` with `redact: true` masks personal
   * data). Called after every scorer has scored the original text; `redacted` lists what was masked.
   */
  redact?(output: string): { readonly text: string; readonly redacted: readonly string[] };
}

/** The records of one candidate, with this scorer's score on each (errors excluded). */
export interface ScoredRecord {
  readonly record: ResultRecord;
  readonly score: Score;
}

/**
 * A scorer type: its id, its parameters (a zod schema, so specs are validated and the result
 * set can record the resolved parameters), a factory, and optionally extra summary metrics
 * computed over all of a candidate's records (e.g. BBQ bias scores).
 */
export interface ScorerDefinition<Params extends z.ZodObject = z.ZodObject> {
  readonly id: string;
  readonly description: string;
  readonly params: Params;
  create(params: z.infer<Params>, options: ScorerCreateOptions): Scorer;
  aggregate?(items: readonly ScoredRecord[], options: AggregateOptions<z.infer<Params>>): Record<string, Metric>;
  /**
   * Optional: metrics that need every candidate's records at once (e.g. Bradley–Terry strengths
   * from pairwise judgements), returned per candidate id and merged into each candidate's metrics.
   */
  aggregateAcross?(byCandidate: ReadonlyMap<string, readonly ScoredRecord[]>, options: { id: string; seed: number }): Record<string, Record<string, Metric>>;
  /**
   * Optional: the corpus metric behind this scorer (BLEU, chrF, TER), for paired comparisons and
   * baseline gates that resample records' sufficient statistics instead of per-sample means.
   */
  corpus?(params: z.infer<Params>, options: { id: string }): CorpusStatistic;
  /**
   * The metric names `aggregate` can emit, so a gate on a misspelt one is refused before a paid
   * run. A scorer with an aggregate but no list leaves gate names unchecked.
   */
  readonly metrics?: readonly string[];
}

/** What a scorer's aggregate is given besides the records: its id, the run seed, its resolved params. */
export interface AggregateOptions<Params = Record<string, unknown>> {
  readonly id: string;
  readonly seed: number;
  /** The scorer's resolved parameters as recorded in the manifest (absent in older callers). */
  readonly params?: Params;
}

/** Defines a scorer with its parameter type inferred from the schema. */
export function defineScorer<Params extends z.ZodObject>(definition: ScorerDefinition<Params>): ScorerDefinition<Params> {
  return definition;
}

/**
 * A corpus metric computed from summed per-record sufficient statistics (BLEU, chrF, TER), as
 * sacreBLEU's `corpus_score` does: never a mean of sentence scores. A scorer that defines one
 * stores `detail.stats` (the record's statistics) and `detail.nrefs` on every score.
 */
export interface CorpusStatistic {
  /** The summary metric's name (the scorer id: `bleu`, `chrf`, `ter`). */
  readonly metric: string;
  /** False for error rates (TER): a rise is the regression. */
  readonly higherIsBetter: boolean;
  /** The corpus score, on the reference tool's printed 0–100 scale, from summed statistics. */
  score(summed: readonly number[]): number;
  /** The reference tool's signature for these settings and this number of references. */
  signature(nrefs: number | 'var'): string;
  /** Extra figures printed with the score (BLEU: precisions, BP, lengths). */
  describe?(summed: readonly number[]): Record<string, number | readonly number[]>;
}
