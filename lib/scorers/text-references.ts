import { z } from 'zod';
import type { Sample } from '../datasets/index.ts';
import { VerdictError } from '../errors/index.ts';
import { compileTemplate, getPath } from '../template/index.ts';
import { describeSample } from './reference.ts';

/** The `references` parameter of the text-similarity scorers: a list field of the row. */
export const referencesParam = z
  .string()
  .min(1)
  .optional()
  .describe('A list field holding several references: "{{refs}}" or the dotted path "refs". With `reference` too, that one comes first.');

/** The references of one sample, for metrics that take one or many (BLEU, chrF, TER, ROUGE). */
export interface TextReferences {
  /** The first reference: what the `oracle` control answers. */
  expected(sample: Sample): string;
  /** Every reference, in order; throws `DATASET_INVALID` naming the sample when there is none. */
  all(sample: Sample): string[];
}

const SINGLE_PLACEHOLDER = /^\{\{\s*([\w.$-]+)\s*\}\}$/;

/**
 * Reads `reference` (a `{{field}}` template) and/or `references` (a list field) per sample.
 * Throws `SPEC_INVALID` when the scorer has neither.
 */
export function createTextReferences(options: { scorerId: string; reference?: string | undefined; references?: string | undefined }): TextReferences {
  const { scorerId } = options;
  if (options.reference === undefined && options.references === undefined) {
    throw new VerdictError('SPEC_INVALID', `scorer "${scorerId}": give reference: "{{field}}" or references: "{{list_field}}"`, {
      context: { scorer: scorerId },
    });
  }
  const template = options.reference === undefined ? undefined : compileTemplate(options.reference, `scorer "${scorerId}" reference`);
  const listPath = options.references === undefined ? undefined : (SINGLE_PLACEHOLDER.exec(options.references)?.[1] ?? options.references);
  const all = (sample: Sample): string[] => {
    const out: string[] = [];
    if (template) out.push(renderReference(sample, template, scorerId));
    if (listPath !== undefined) out.push(...readList(sample, listPath, scorerId));
    if (out.length === 0) {
      throw new VerdictError('DATASET_INVALID', `${describeSample(sample)}: scorer "${scorerId}": references "${listPath}" is an empty list`, {
        context: { sampleId: sample.id, scorer: scorerId, field: listPath },
      });
    }
    return out;
  };
  return { all, expected: (sample) => all(sample)[0]! };
}

function renderReference(sample: Sample, template: ReturnType<typeof compileTemplate>, scorerId: string): string {
  try {
    return template.render(sample.data, sample.id);
  } catch (error) {
    throw new VerdictError('DATASET_INVALID', `${describeSample(sample)}: scorer "${scorerId}": ${(error as Error).message}`, {
      cause: error,
      context: { sampleId: sample.id, scorer: scorerId },
    });
  }
}

function readList(sample: Sample, path: string, scorerId: string): string[] {
  const value = getPath(sample.data, path);
  const fail = (found: string) =>
    new VerdictError('DATASET_INVALID', `${describeSample(sample)}: scorer "${scorerId}": references "${path}" should be a list of strings, ${found}`, {
      context: { sampleId: sample.id, scorer: scorerId, field: path },
    });
  if (value === undefined || value === null) throw fail(`but the row has no field "${path}" (fields: ${Object.keys(sample.data).join(', ') || 'none'})`);
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value)) throw fail(`got ${JSON.stringify(value)}`);
  return value.map((item) => {
    if (typeof item !== 'string') throw fail(`got an item ${JSON.stringify(item)}`);
    return item;
  });
}
