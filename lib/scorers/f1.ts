import { z } from 'zod';
import { aliasesParam, createReferenceResolver, referenceParam } from './reference.ts';
import { squadMaxScores } from './squad.ts';
import { defineScorer } from './types.ts';

const f1Params = z
  .object({
    reference: referenceParam,
    aliases: aliasesParam,
    threshold: z.number().min(0).max(1).default(0.5).describe('pass when F1 ≥ threshold. Default 0.5.'),
  })
  .strict();

/**
 * `f1`: SQuAD token F1 (official `evaluate-v2.0.py`, docs/metrics.md §5.4), the maximum over the
 * reference and its aliases; the value is the F1 and `pass` is F1 ≥ `threshold` (default 0.5,
 * "at least half the answer's tokens overlap"; use 1 for a normalised exact match).
 * `detail`: `{ exactMatch }`, the SQuAD EM (0 or 1) for the same golds, so EM can be averaged too.
 *
 * The whole output is the prediction: prompt for a short answer, since every extra word lowers
 * precision. Tokens are whitespace-separated and normalisation is English/ASCII (see
 * {@link squadNormalize}): deliberate, to match the reference numbers, so Chinese or Japanese
 * text scores as whole runs between spaces.
 *
 * @example
 * // scorers: [{ type: f1, reference: "{{answers.0}}", aliases: answers, threshold: 0.5 }]
 */
export const f1 = defineScorer({
  id: 'f1',
  description: 'SQuAD token F1 against the reference and aliases (max); pass at a threshold.',
  params: f1Params,
  create(params, { id }) {
    const references = createReferenceResolver({ scorerId: id, reference: params.reference, aliases: params.aliases });
    return {
      id,
      type: 'f1',
      expected: references.expected,
      options: () => undefined,
      score({ sample, output }) {
        const { exactMatch, f1: value } = squadMaxScores(references.accepted(sample), output);
        return { value, pass: value >= params.threshold, detail: { exactMatch } };
      },
    };
  },
});
