import { z } from 'zod';
import type { Sample } from '../datasets/index.ts';
import { VerdictError } from '../errors/index.ts';
import { compileTemplate, getPath } from '../template/index.ts';
import { mapOutputToOption, optionLetter, resolveReferenceOption } from './choice-mapping.ts';
import { describeSample, referenceParam } from './reference.ts';
import { defineScorer } from './types.ts';

const choiceParams = z
  .object({
    options: z
      .union([z.string().min(1), z.array(z.string().min(1)).min(2).max(26)])
      .optional()
      .describe(
        'Dotted path to the array of option texts in the row (default "options" unless optionFields is set), or a fixed list of option texts for every row, e.g. [positive, negative, neutral].',
      ),
    optionFields: z
      .array(z.string().min(1))
      .min(2)
      .max(26)
      .optional()
      .describe('Fields holding one option text each, in letter order, e.g. [ans0, ans1, ans2].'),
    reference: referenceParam.describe('Template rendering to the correct option: letter "B", 0-based index "1", or its text.'),
    referenceKind: z
      .enum(['auto', 'letter', 'index', 'text'])
      .default('auto')
      .describe('How reference names the option. auto: letter, else index, else text; ambiguity is an error.'),
  })
  .strict();

/**
 * `choice`: multiple choice. The output is mapped to an option (whole-output text match, else a
 * letter such as "B", "(B)", "Answer: B", "The answer is B", else the one option text it
 * contains; see {@link mapOutputToOption}) and scores 1 when that is the correct option.
 * An output that maps to no option scores 0 with `detail: { chosen: null }`; otherwise
 * `detail: { chosen: <0-based index> }`. `expected` is the correct letter, which maps back to
 * itself; `options` lists the option texts.
 *
 * @example
 * // BBQ rows: scorers: [{ type: choice, optionFields: [ans0, ans1, ans2], reference: "{{label}}" }]
 * // One label set for every row: [{ type: choice, options: [positive, negative, neutral], reference: "{{label}}" }]
 */
export const choice = defineScorer({
  id: 'choice',
  description: 'Multiple choice: maps the output to an option by text or letter and checks it.',
  params: choiceParams,
  create(params, { id }) {
    if (params.options !== undefined && params.optionFields !== undefined) {
      throw new VerdictError(
        'SPEC_INVALID',
        `scorer "${id}": both options (${JSON.stringify(params.options)}) and optionFields are set; keep one of them`,
        { context: { scorer: id } },
      );
    }
    const readOptions = createOptionReader(id, params.options, params.optionFields);
    const reference = compileTemplate(params.reference, `scorer "${id}" reference`);
    const correctIndex = (sample: Sample, options: readonly string[]): number => {
      const rendered = reference.render(sample.data, sample.id);
      const resolved = resolveReferenceOption(rendered, options, params.referenceKind);
      if ('index' in resolved) return resolved.index;
      throw new VerdictError(
        'DATASET_INVALID',
        `${describeSample(sample)}: scorer "${id}" reference "${rendered}" ${resolved.problem}`,
        { context: { sampleId: sample.id, scorer: id, reference: rendered } },
      );
    };
    return {
      id,
      type: 'choice',
      expected: (sample) => optionLetter(correctIndex(sample, readOptions(sample))),
      options: readOptions,
      score({ sample, output }) {
        const options = readOptions(sample);
        const correct = correctIndex(sample, options);
        const chosen = mapOutputToOption(output, options);
        const pass = chosen === correct;
        return { value: pass ? 1 : 0, pass, detail: { chosen } };
      },
    };
  },
});

/** Reads option texts from an array field or from a list of fields; numbers become strings. */
function createOptionReader(
  scorerId: string,
  optionsPath: string | readonly string[] | undefined,
  optionFields: readonly string[] | undefined,
): (sample: Sample) => string[] {
  const fail = (sample: Sample, what: string, found: unknown): never => {
    throw new VerdictError(
      'DATASET_INVALID',
      `${describeSample(sample)}: scorer "${scorerId}" ${what}, got ${JSON.stringify(found) ?? 'nothing'}`,
      { context: { sampleId: sample.id, scorer: scorerId } },
    );
  };
  const asText = (sample: Sample, field: string, value: unknown): string =>
    typeof value === 'string' || typeof value === 'number'
      ? String(value)
      : fail(sample, `option field "${field}" should hold a string`, value);
  if (optionFields !== undefined) {
    return (sample) => optionFields.map((field) => asText(sample, field, getPath(sample.data, field)));
  }
  if (Array.isArray(optionsPath)) {
    // A fixed label set (sentiment, topic, yes/no/unsure): the same options for every row.
    const fixed = [...optionsPath];
    return () => fixed;
  }
  const path = (optionsPath as string | undefined) ?? 'options';
  return (sample) => {
    const value = getPath(sample.data, path);
    if (!Array.isArray(value) || value.length < 2 || value.length > 26) {
      return fail(sample, `options "${path}" should be an array of 2 to 26 option texts`, value);
    }
    return value.map((item, index) => asText(sample, `${path}.${index}`, item));
  };
}
