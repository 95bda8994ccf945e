import { z } from 'zod';

const Rate = z.number().gt(0).max(1);
const Name = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'use letters, digits, "_" and "-"').optional();

/** One transform of `dataset.perturbations.transforms`; `id` names the variant (default: the type). */
export const PerturbationTransformSchema = z.discriminatedUnion('type', [
  /** Keyboard-neighbour typos: each ASCII letter is swapped for a QWERTY neighbour with probability `rate`. */
  z.object({ type: z.literal('typo'), id: Name, rate: Rate.default(0.05) }).strict(),
  /** Letter case: `lower`, `upper`, `title`, or `random` (each letter flipped with probability ½). */
  z.object({ type: z.literal('case'), id: Name, mode: z.enum(['lower', 'upper', 'title', 'random']).default('lower') }).strict(),
  /** Whitespace: each space becomes 2–4 spaces, a tab or a newline with probability `rate`. */
  z.object({ type: z.literal('whitespace'), id: Name, rate: Rate.default(0.2) }).strict(),
  /** Punctuation (ASCII and CJK) removed. */
  z.object({ type: z.literal('punctuation'), id: Name, mode: z.enum(['strip']).default('strip') }).strict(),
  /** English contractions: `contract` ("do not" → "don't") or `expand` ("don't" → "do not"). */
  z.object({ type: z.literal('contractions'), id: Name, mode: z.enum(['contract', 'expand']).default('contract') }).strict(),
  /** Rephrases the field's framing with one of the team's templates (no synonyms), chosen by seed; en and zh. */
  z.object({ type: z.literal('paraphrase'), id: Name }).strict(),
  /** Character width: `full` (ASCII → full-width forms, space → U+3000) or `half` (the reverse). */
  z.object({ type: z.literal('width'), id: Name, to: z.enum(['full', 'half']).default('full') }).strict(),
  /** Chinese script through OpenCC (opencc-js): `traditional` (cn → t) or `simplified` (t → cn). */
  z.object({ type: z.literal('chinese-script'), id: Name, to: z.enum(['traditional', 'simplified']).default('traditional') }).strict(),
]);
export type PerturbationTransform = z.infer<typeof PerturbationTransformSchema>;

/**
 * `dataset.perturbations`: each row is kept and gets one seeded variant per transform, applied to
 * the named fields only. Variants are work items of their own, linked to their original (robustness).
 *
 * @example
 * perturbations:
 *   fields: [question]
 *   transforms: [{ type: typo, rate: 0.05 }, { type: case, mode: upper }, { type: chinese-script, to: traditional }]
 */
export const PerturbationsSpecSchema = z
  .object({
    /** Row fields to transform (strings, or lists of strings); dotted paths reach nested fields. */
    fields: z.array(z.string().min(1)).min(1),
    transforms: z.array(PerturbationTransformSchema).min(1),
    /** Seed of every transform's random choices (mixed with the sample id and the variant name). */
    seed: z.number().int().default(0),
  })
  .strict()
  .superRefine((spec, context) => {
    const names = spec.transforms.map((transform) => transform.id ?? transform.type);
    names.forEach((name, index) => {
      if (name === 'original') context.addIssue({ code: 'custom', path: ['transforms', index, 'id'], message: '"original" names the unperturbed row; pick another id' });
      if (names.indexOf(name) !== index) {
        context.addIssue({ code: 'custom', path: ['transforms', index, 'id'], message: `two transforms are named "${name}"; give each an "id"` });
      }
    });
  });
export type PerturbationsSpec = z.infer<typeof PerturbationsSpecSchema>;
