import { z } from 'zod';

const GroupValues = z.array(z.string().min(1)).min(2);

/**
 * `dataset.counterfactual`: expands every base row into one variant per protected-group value,
 * so the variants differ only in that value (counterfactual fairness; Garg et al. 2019,
 * "Counterfactual Fairness in Text Classification through Robustness", AIES).
 *
 * @example
 * counterfactual:
 *   attribute: applicant                # {{applicant}} in the prompt and in the row's strings
 *   groups: [man, woman]                # group ids (category of each variant), first = advantaged
 *   values: { en: [Mr. James Miller, Ms. Emily Miller], zh: [王伟先生, 王芳女士] }
 *   languageField: lang                 # which list a base row uses
 */
export const CounterfactualSpecSchema = z
  .object({
    /** The field each variant sets, and the `{{placeholder}}` replaced in the row's strings. */
    attribute: z.string().regex(/^[A-Za-z_][\w-]*$/, 'use a plain field name').default('group'),
    /** The values, in group order: one list, or one parallel list per language. */
    values: z.union([GroupValues, z.record(z.string(), GroupValues)]),
    /** Group ids, one per position (default: the values of the single list, or of the first language). */
    groups: z.array(z.string().min(1)).min(2).optional(),
    /** Field of the base row naming its language, when `values` is per language. @default "lang" */
    languageField: z.string().min(1).default('lang'),
  })
  .strict()
  .superRefine((spec, context) => {
    const lists = Array.isArray(spec.values) ? [spec.values] : Object.values(spec.values);
    const length = lists[0]?.length ?? 0;
    if (lists.some((list) => list.length !== length)) {
      context.addIssue({ code: 'custom', path: ['values'], message: 'every language needs the same number of values, in the same group order' });
    }
    if (spec.groups && spec.groups.length !== length) {
      context.addIssue({ code: 'custom', path: ['groups'], message: `expected ${length} group ids (one per value), got ${spec.groups.length}` });
    }
    const ids = spec.groups ?? lists[0] ?? [];
    if (new Set(ids).size !== ids.length) context.addIssue({ code: 'custom', path: ['groups'], message: 'group ids must be distinct' });
  });

export type CounterfactualSpec = z.infer<typeof CounterfactualSpecSchema>;
