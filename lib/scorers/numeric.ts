import { z } from 'zod';
import { extractFinalNumber } from './extract-number.ts';
import { aliasesParam, createReferenceResolver, referenceParam } from './reference.ts';
import { defineScorer } from './types.ts';

const numericParams = z
  .object({
    reference: referenceParam,
    aliases: aliasesParam,
    tolerance: z.number().nonnegative().default(1e-6).describe('Absolute tolerance. Default 1e-6.'),
    relativeTolerance: z
      .number()
      .nonnegative()
      .optional()
      .describe('Also pass when |output − expected| ≤ relativeTolerance · |expected|. Default: unset.'),
  })
  .strict();

/**
 * `numeric`: compares the final number of the output with the final number of the reference,
 * both found by {@link extractFinalNumber} (after `####`, in `\boxed{}`, after "answer is", else
 * the last number). Passes when |a − b| ≤ `tolerance` or ≤ `relativeTolerance` · |b|; an output
 * or reference without a number fails. With `reference: "{{answer}}"` on GSM8K rows the
 * reference is the full worked solution and its `#### 18` line gives 18.
 * `detail`: `{ extracted, expected }` (numbers or null).
 *
 * @example
 * // scorers: [{ type: numeric, reference: "{{answer}}" }]  — "The answer is $1,234.50." vs "1234.5" passes
 */
export const numeric = defineScorer({
  id: 'numeric',
  description: 'The final number in the output equals the reference number, within a tolerance.',
  params: numericParams,
  create(params, { id }) {
    const references = createReferenceResolver({ scorerId: id, reference: params.reference, aliases: params.aliases });
    const isClose = (actual: number, target: number): boolean => {
      const difference = Math.abs(actual - target);
      if (difference <= params.tolerance) return true;
      return params.relativeTolerance !== undefined && difference <= params.relativeTolerance * Math.abs(target);
    };
    return {
      id,
      type: 'numeric',
      expected: references.expected,
      options: () => undefined,
      score({ sample, output }) {
        const extracted = extractFinalNumber(output);
        const targets = references.accepted(sample).map(extractFinalNumber);
        const expected = targets[0] ?? null;
        const pass = extracted !== null && targets.some((target) => target !== null && isClose(extracted, target));
        return { value: pass ? 1 : 0, pass, detail: { extracted, expected } };
      },
    };
  },
});
