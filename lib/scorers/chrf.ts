import { z } from 'zod';
import { SACREBLEU_VERSION } from './bleu.ts';
import { aggregateCorpusMetric } from './corpus-aggregate.ts';
import { type CorpusStatistic, defineScorer } from './types.ts';
import { referenceParam } from './reference.ts';
import { createTextReferences, referencesParam } from './text-references.ts';
import { chrfReferenceInfo, chrfSegmentStatistics, chrfSignature, computeChrf, type ChrfOptions } from './text/chrf-statistics.ts';

const chrfParams = z.strictObject({
  reference: referenceParam.optional(),
  references: referencesParam,
  charOrder: z.number().int().min(1).max(20).default(6),
  wordOrder: z.number().int().min(0).max(10).default(0).describe('Word n-gram order: 0 = chrF (default), 2 = chrF++.'),
  beta: z.number().positive().default(2),
  lowercase: z.boolean().default(false),
  whitespace: z.boolean().default(false).describe('Keep whitespace in character n-grams (default: removed).'),
  epsSmoothing: z.boolean().default(false).describe('chrF++.py-style ε smoothing instead of the effective-order average.'),
  threshold: z.number().min(0).max(100).default(50).describe('A sample passes when its sentence chrF (0–100) is at least this. Default 50.'),
});

/** Parameters of the `chrf` scorer. */
export type ChrfParams = z.infer<typeof chrfParams>;

function optionsOf(params: ChrfParams): ChrfOptions {
  const { charOrder, wordOrder, beta, lowercase, whitespace, epsSmoothing } = params;
  return { charOrder, wordOrder, beta, lowercase, whitespace, epsSmoothing };
}

/** Corpus chrF from summed statistics, with sacreBLEU's signature. */
export function chrfCorpus(params: ChrfParams, metric = 'chrf'): CorpusStatistic {
  const options = optionsOf(params);
  return {
    metric,
    higherIsBetter: true,
    score: (summed) => computeChrf(summed, options),
    signature: (nrefs) => chrfSignature(options, nrefs, SACREBLEU_VERSION),
  };
}

/**
 * `chrf`: chrF (Popović 2015) and chrF++ (`wordOrder: 2`, Popović 2017) exactly as sacreBLEU 2.x
 * (`sacrebleu/metrics/chrf.py`): character n-grams without whitespace, case-sensitive, β = 2;
 * with several references each record keeps the best-F one. `detail.stats` holds
 * `[hyp, ref, match]` per order; the summary metric (0–100) is scored from their sum, with the
 * signature. The per-sample value is the sentence chrF / 100.
 *
 * @example
 * scorers: [{ type: chrf, reference: "{{ref}}" }, { type: chrf, id: chrfpp, reference: "{{ref}}", wordOrder: 2 }]
 */
export const chrf = defineScorer({
  id: 'chrf',
  description: 'chrF / chrF++ as sacreBLEU 2.x: corpus score from summed character (and word) n-gram statistics',
  params: chrfParams,
  create(params, { id }) {
    const references = createTextReferences({ scorerId: id, reference: params.reference, references: params.references });
    const options = optionsOf(params);
    return {
      id,
      type: 'chrf',
      expected: references.expected,
      options: () => undefined,
      score({ sample, output }) {
        const refs = references.all(sample);
        const stats = chrfSegmentStatistics(output, chrfReferenceInfo(refs, options), options);
        const sentence = computeChrf(stats, options);
        return { value: Math.min(1, sentence / 100), pass: sentence >= params.threshold, detail: { sentence, stats, nrefs: refs.length } };
      },
    };
  },
  corpus: (params, { id }) => chrfCorpus(params, id),
  aggregate: (items, { id, seed, params }) => aggregateCorpusMetric(items, chrfCorpus(chrfParams.parse(params ?? {}), id), { seed }),
});
