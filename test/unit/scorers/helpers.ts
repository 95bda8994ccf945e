import type { z } from 'zod';
import type { Sample } from '../../../lib/datasets/sample.ts';
import type { Score } from '../../../lib/results/record.ts';
import { scoreSync } from '../../../lib/scorers/score-sync.ts';
import type { Scorer, ScorerDefinition } from '../../../lib/scorers/types.ts';

/** A sample from a fake dataset file, line 7. */
export function makeSample(data: Record<string, unknown>, id = 's1'): Sample {
  return { id, data, source: { file: 'datasets/test.jsonl', line: 7 } };
}

/** Parses raw spec params with the definition's schema (defaults applied) and creates the scorer. */
export function createScorer<Params extends z.ZodObject>(
  definition: ScorerDefinition<Params>,
  rawParams: Record<string, unknown>,
  id: string = definition.id,
): Scorer {
  return definition.create(definition.params.parse(rawParams), { id, ports: {} });
}

/** Scores one output against one row with a synchronous scorer (an asynchronous one is a test error). */
export function scoreOne(scorer: Scorer, data: Record<string, unknown>, output: string): Score {
  return scoreSync(scorer, { sample: makeSample(data), output });
}
