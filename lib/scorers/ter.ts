import { z } from 'zod';
import { SACREBLEU_VERSION } from './bleu.ts';
import { aggregateCorpusMetric } from './corpus-aggregate.ts';
import { type CorpusStatistic, defineScorer } from './types.ts';
import { referenceParam } from './reference.ts';
import { createTextReferences, referencesParam } from './text-references.ts';
import { computeTer, terSegmentStatistics, terSignature } from './text/ter-statistics.ts';
import type { TerTokenizerOptions } from './text/ter-tokenizer.ts';

const terParams = z.strictObject({
  reference: referenceParam.optional(),
  references: referencesParam,
  normalized: z.boolean().default(false).describe('Tercom normalisation (punctuation split, XML entities).'),
  noPunct: z.boolean().default(false).describe('Remove punctuation before scoring.'),
  asianSupport: z.boolean().default(false).describe('With normalized / noPunct: split CJK characters, drop CJK punctuation.'),
  caseSensitive: z.boolean().default(false),
  threshold: z.number().min(0).default(50).describe('A sample passes when its sentence TER (0–100, lower is better) is at most this. Default 50.'),
});

/** Parameters of the `ter` scorer. */
export type TerParams = z.infer<typeof terParams>;

function optionsOf(params: TerParams): TerTokenizerOptions {
  const { normalized, noPunct, asianSupport, caseSensitive } = params;
  return { normalized, noPunct, asianSupport, caseSensitive };
}

/** Corpus TER from summed statistics, with sacreBLEU's signature. */
export function terCorpus(params: TerParams, metric = 'ter'): CorpusStatistic {
  const options = optionsOf(params);
  return {
    metric,
    higherIsBetter: false,
    score: computeTer,
    signature: (nrefs) => terSignature(options, nrefs, SACREBLEU_VERSION),
    describe: (summed) => ({ edits: summed[0], refLength: summed[1] }),
  };
}

/**
 * `ter`: translation edit rate with shifts (Snover et al. 2006) exactly as sacreBLEU 2.x
 * (`sacrebleu/metrics/ter.py`, `lib_ter.py`: Tercom's shift heuristics and beam edit distance).
 * `detail.stats` = `[fewest edits over references, average reference length]`; the summary metric
 * `ter` (0–100, lower is better; it can exceed 100) is summed edits / summed lengths, with the
 * signature. The per-sample value is min(sentence TER, 100) / 100 — an error rate, lower is better.
 *
 * @example
 * scorers: [{ type: ter, reference: "{{ref}}" }]
 */
export const ter = defineScorer({
  id: 'ter',
  description: 'TER with shifts as sacreBLEU 2.x: summed edits over summed reference lengths (lower is better)',
  params: terParams,
  create(params, { id }) {
    const references = createTextReferences({ scorerId: id, reference: params.reference, references: params.references });
    const options = optionsOf(params);
    return {
      id,
      type: 'ter',
      expected: references.expected,
      options: () => undefined,
      score({ sample, output }) {
        const refs = references.all(sample);
        const stats = terSegmentStatistics(output, refs, options);
        const sentence = computeTer(stats);
        return { value: Math.min(sentence, 100) / 100, pass: sentence <= params.threshold, detail: { sentence, stats, nrefs: refs.length } };
      },
    };
  },
  corpus: (params, { id }) => terCorpus(params, id),
  aggregate: (items, { id, seed, params }) => aggregateCorpusMetric(items, terCorpus(terParams.parse(params ?? {}), id), { seed }),
});
