import { z } from 'zod';
import { normalizeText } from './normalize-text.ts';
import { aliasesParam, caseSensitiveParam, createReferenceResolver, referenceParam } from './reference.ts';
import { defineScorer } from './types.ts';

const includesParams = z
  .object({
    reference: referenceParam,
    aliases: aliasesParam,
    caseSensitive: caseSensitiveParam,
  })
  .strict();

/**
 * `includes`: 1 when the output contains the reference or any alias as a substring, after
 * `basic` normalisation of both (NFC, trimmed, whitespace collapsed, case folded unless
 * `caseSensitive`). Substring matching needs no word splitting, so it works for Chinese and
 * Japanese as is. It has no word boundaries either: reference "4" is found in "14"; use `regex`
 * with `\b` when that matters. A reference that normalises to "" never matches, so an empty
 * field cannot pass every output.
 *
 * @example
 * // scorers: [{ type: includes, reference: "{{answer}}" }]  — "Paris" in "It is paris." passes
 */
export const includes = defineScorer({
  id: 'includes',
  description: 'The output contains the reference or any alias (case-insensitive by default).',
  params: includesParams,
  create(params, { id }) {
    const references = createReferenceResolver({ scorerId: id, reference: params.reference, aliases: params.aliases });
    const normalize = (text: string): string => normalizeText(text, { mode: 'basic', caseSensitive: params.caseSensitive });
    return {
      id,
      type: 'includes',
      expected: references.expected,
      options: () => undefined,
      score({ sample, output }) {
        const haystack = normalize(output);
        const pass = references
          .accepted(sample)
          .map(normalize)
          .some((needle) => needle !== '' && haystack.includes(needle));
        return { value: pass ? 1 : 0, pass };
      },
    };
  },
});
