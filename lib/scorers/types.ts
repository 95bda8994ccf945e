import type { z } from 'zod';
import type { Sample } from '../datasets/sample.ts';
import type { Metric, ResultRecord, Score } from '../results/index.ts';

/** What a scorer sees for one work item. */
export interface ScoreInput {
  readonly sample: Sample;
  readonly output: string;
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
  /** Scores one output: a value in [0, 1] and a pass. Pure and synchronous. */
  score(input: ScoreInput): Score;
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
  create(params: z.infer<Params>, options: { id: string }): Scorer;
  aggregate?(items: readonly ScoredRecord[], options: { id: string; seed: number }): Record<string, Metric>;
  /**
   * The metric names `aggregate` can emit, so a gate on a misspelt one is refused before a paid
   * run. A scorer with an aggregate but no list leaves gate names unchecked.
   */
  readonly metrics?: readonly string[];
}

/** Defines a scorer with its parameter type inferred from the schema. */
export function defineScorer<Params extends z.ZodObject>(definition: ScorerDefinition<Params>): ScorerDefinition<Params> {
  return definition;
}
