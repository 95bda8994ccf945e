import { z } from 'zod';
import { aggregateCorpusMetric } from './corpus-aggregate.ts';
import { type CorpusStatistic, defineScorer } from './types.ts';
import { referenceParam } from './reference.ts';
import { createTextReferences, referencesParam } from './text-references.ts';
import { BLEU_TOKENIZERS } from './text/bleu-tokenizers.ts';
import {
  BLEU_SMOOTHING,
  bleuReferenceInfo,
  bleuSegmentStatistics,
  bleuSignature,
  computeBleu,
  type BleuOptions,
} from './text/bleu-statistics.ts';

/** The sacreBLEU release whose behaviour the text metrics reproduce; it is named in signatures. */
export const SACREBLEU_VERSION = '2.6.0';

const bleuParams = z.strictObject({
  reference: referenceParam.optional(),
  references: referencesParam,
  tokenize: z.enum(BLEU_TOKENIZERS).default('13a').describe('sacreBLEU tokenizer: 13a (default), intl, zh (Chinese characters split, the rest 13a), char, none.'),
  lowercase: z.boolean().default(false),
  smooth: z.enum(BLEU_SMOOTHING).default('exp').describe('Smoothing: exp (default), floor, add-k, none.'),
  smoothValue: z.number().nonnegative().optional().describe('For floor (default 0.1) and add-k (default 1).'),
  maxNgramOrder: z.number().int().min(1).max(10).default(4),
  effectiveOrder: z.boolean().default(false).describe('Corpus BLEU over the orders that have n-grams (the per-sample sentence BLEU always uses it, as sacreBLEU sentence_bleu).'),
  threshold: z.number().min(0).max(100).default(50).describe('A sample passes when its sentence BLEU (0–100) is at least this. Default 50.'),
});

/** Parameters of the `bleu` scorer. */
export type BleuParams = z.infer<typeof bleuParams>;

function optionsOf(params: BleuParams): BleuOptions {
  return {
    tokenize: params.tokenize,
    lowercase: params.lowercase,
    smooth: params.smooth,
    smoothValue: params.smoothValue,
    maxNgramOrder: params.maxNgramOrder,
    effectiveOrder: params.effectiveOrder,
  };
}

/** Corpus BLEU from summed statistics, with sacreBLEU's signature. */
export function bleuCorpus(params: BleuParams, metric = 'bleu'): CorpusStatistic {
  const options = optionsOf(params);
  return {
    metric,
    higherIsBetter: true,
    score: (summed) => computeBleu(summed, options).score,
    signature: (nrefs) => bleuSignature(options, nrefs, SACREBLEU_VERSION),
    describe: (summed) => {
      const { counts, totals, precisions, bp, sysLen, refLen } = computeBleu(summed, options);
      return { counts, totals, precisions, bp, ratio: refLen ? sysLen / refLen : 0, hypLen: sysLen, refLen };
    },
  };
}

/**
 * `bleu`: BLEU exactly as sacreBLEU 2.x computes it (Papineni et al. 2002; `sacrebleu/metrics/bleu.py`).
 * Each score stores the record's sufficient statistics in `detail.stats`
 * (`[hypLen, refLen, correct_1..N, total_1..N]`) and its reference count; the summary metric
 * `bleu` (0–100) sums them over the candidate's records, as `corpus_bleu` does, with sacreBLEU's
 * signature. The per-sample value is sentence BLEU (`sentence_bleu`: effective order) / 100.
 *
 * @example
 * scorers: [{ type: bleu, references: "{{refs}}", tokenize: zh }]
 */
export const bleu = defineScorer({
  id: 'bleu',
  description: 'BLEU as sacreBLEU 2.x: corpus BLEU from summed n-gram statistics, with its signature',
  params: bleuParams,
  create(params, { id }) {
    const references = createTextReferences({ scorerId: id, reference: params.reference, references: params.references });
    const options = optionsOf(params);
    const sentenceOptions = { ...options, effectiveOrder: true };
    return {
      id,
      type: 'bleu',
      expected: references.expected,
      options: () => undefined,
      score({ sample, output }) {
        const refs = references.all(sample);
        const stats = bleuSegmentStatistics(output, bleuReferenceInfo(refs, options), options);
        const sentence = computeBleu(stats, sentenceOptions).score;
        return { value: Math.min(1, sentence / 100), pass: sentence >= params.threshold, detail: { sentence, stats, nrefs: refs.length } };
      },
    };
  },
  corpus: (params, { id }) => bleuCorpus(params, id),
  aggregate: (items, { id, seed, params }) => aggregateCorpusMetric(items, bleuCorpus(bleuParams.parse(params ?? {}), id), { seed }),
});
