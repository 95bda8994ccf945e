import { z } from 'zod';
import { referenceParam } from './reference.ts';
import { aggregateRouge } from './rouge-aggregate.ts';
import { createTextReferences, referencesParam } from './text-references.ts';
import { rougeL, rougeLsum, rougeN, rougeSentences, rougeTokenize, rougeTokenizeCjk, type RougeTriple } from './text/rouge-score.ts';
import { defineScorer } from './types.ts';

/** The ROUGE types rouge-score computes (rougeN for n = 1..9, rougeL, rougeLsum). */
export const ROUGE_TYPES = ['rouge1', 'rouge2', 'rouge3', 'rouge4', 'rouge5', 'rouge6', 'rouge7', 'rouge8', 'rouge9', 'rougeL', 'rougeLsum'] as const;

const rougeParams = z.strictObject({
  reference: referenceParam.optional(),
  references: referencesParam,
  types: z.array(z.enum(ROUGE_TYPES)).min(1).default(['rouge1', 'rouge2', 'rougeL', 'rougeLsum']),
  useStemmer: z.boolean().default(false).describe('Porter-stem tokens longer than 3 characters (rouge-score use_stemmer).'),
  tokenizer: z.enum(['default', 'cjk']).default('default').describe("default: rouge-score's (ASCII letters and digits only: Chinese scores as empty); cjk: each Han character a token."),
  threshold: z.number().min(0).max(1).default(0.5).describe('A sample passes when the F of the first type is at least this. Default 0.5.'),
});

/** Parameters of the `rouge` scorer. */
export type RougeParams = z.infer<typeof rougeParams>;

/** rouge-score `RougeScorer.score(target, prediction)` for the given types. */
export function scoreRouge(target: string, prediction: string, params: Pick<RougeParams, 'types' | 'useStemmer' | 'tokenizer'>): Record<string, RougeTriple> {
  const tokenize = params.tokenizer === 'cjk' ? rougeTokenizeCjk : rougeTokenize;
  const targetTokens = tokenize(target, params.useStemmer);
  const predictionTokens = tokenize(prediction, params.useStemmer);
  const out: Record<string, RougeTriple> = {};
  for (const type of params.types) {
    if (type === 'rougeL') out[type] = rougeL(targetTokens, predictionTokens);
    else if (type === 'rougeLsum') {
      const sentences = (text: string) => rougeSentences(text).map((sentence) => tokenize(sentence, params.useStemmer));
      out[type] = rougeLsum(sentences(target), sentences(prediction));
    } else out[type] = rougeN(targetTokens, predictionTokens, Number(type.slice(5)));
  }
  return out;
}

/**
 * `rouge`: ROUGE-N, ROUGE-L and ROUGE-Lsum exactly as Google's rouge-score
 * (`google-research/google-research` `rouge/rouge_scorer.py`): P, R and F1 per type; with
 * several references each type keeps the reference with the best F (`score_multi`). `detail`
 * holds every type's `{ precision, recall, fmeasure }`; the value is the first type's F. The
 * summary metrics `<id>.<type>` are the mean F over samples (rouge-score's aggregate), P and R
 * alongside. The default tokenizer deletes non-ASCII text; `detail.emptied` marks an output it
 * emptied, and the summary warns.
 *
 * @example
 * scorers: [{ type: rouge, reference: "{{summary}}", useStemmer: true }]
 */
export const rouge = defineScorer({
  id: 'rouge',
  description: 'ROUGE-1/2/L/Lsum as Google rouge-score: precision, recall and F1 per type',
  params: rougeParams,
  create(params, { id }) {
    const references = createTextReferences({ scorerId: id, reference: params.reference, references: params.references });
    const tokenize = params.tokenizer === 'cjk' ? rougeTokenizeCjk : rougeTokenize;
    return {
      id,
      type: 'rouge',
      expected: references.expected,
      options: () => undefined,
      score({ sample, output }) {
        const refs = references.all(sample);
        const perReference = refs.map((reference) => scoreRouge(reference, output, params));
        const best: Record<string, RougeTriple> = {};
        for (const type of params.types) {
          best[type] = perReference.reduce((winner, scores) => (scores[type]!.fmeasure > winner[type]!.fmeasure ? scores : winner))[type]!;
        }
        const value = best[params.types[0]!]!.fmeasure;
        const emptied = output.trim().length > 0 && tokenize(output, false).length === 0;
        return { value, pass: value >= params.threshold, detail: { ...best, nrefs: refs.length, ...(emptied && { emptied: true }) } };
      },
    };
  },
  aggregate: (items, { id, seed, params }) => aggregateRouge(items, rougeParams.parse(params ?? {}), { id, seed }),
});
