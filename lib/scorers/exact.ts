import { z } from 'zod';
import { normalizeText } from './normalize-text.ts';
import { aliasesParam, caseSensitiveParam, createReferenceResolver, referenceParam } from './reference.ts';
import { defineScorer } from './types.ts';

const exactParams = z
  .object({
    reference: referenceParam,
    aliases: aliasesParam,
    caseSensitive: caseSensitiveParam,
    normalize: z
      .enum(['none', 'basic', 'squad'])
      .default('basic')
      .describe('none: as written; basic: trim, collapse whitespace, NFC; squad: SQuAD normalize_answer.'),
  })
  .strict();

/**
 * `exact`: 1 when the normalised output equals the normalised reference or any alias.
 * `normalize` defaults to `basic` (trim, collapse whitespace, NFC); `caseSensitive` to false.
 *
 * @example
 * // scorers: [{ type: exact, reference: "{{answer}}", aliases: aliases }]
 */
export const exact = defineScorer({
  id: 'exact',
  description: 'Normalised string equality with the reference or any alias.',
  params: exactParams,
  create(params, { id }) {
    const references = createReferenceResolver({ scorerId: id, reference: params.reference, aliases: params.aliases });
    const normalize = (text: string): string =>
      normalizeText(text, { mode: params.normalize, caseSensitive: params.caseSensitive });
    return {
      id,
      type: 'exact',
      expected: references.expected,
      options: () => undefined,
      score({ sample, output }) {
        const normalizedOutput = normalize(output);
        const pass = references.accepted(sample).some((reference) => normalize(reference) === normalizedOutput);
        return { value: pass ? 1 : 0, pass };
      },
    };
  },
});
