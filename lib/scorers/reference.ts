import { z } from 'zod';
import type { Sample } from '../datasets/index.ts';
import { VerdictError } from '../errors/index.ts';
import { compileTemplate, getPath } from '../template/index.ts';

/** The `reference` parameter: a `{{field}}` template rendered against the row, e.g. `{{answer}}`. */
export const referenceParam = z
  .string()
  .min(1)
  .describe('The expected answer: a {{field}} template rendered against the dataset row, e.g. "{{answer}}".');

/** The `aliases` parameter: a dotted path to an array of accepted alternative answers. */
export const aliasesParam = z
  .string()
  .min(1)
  .optional()
  .describe('Dotted path to an array of accepted alternative answers in the row, e.g. "aliases".');

/** The `caseSensitive` parameter. */
export const caseSensitiveParam = z.boolean().default(false).describe('Compare with case. Default false.');

/** The accepted answers of one sample, compiled once per scorer. */
export interface ReferenceResolver {
  /** The rendered reference: what the `oracle` control candidate answers. */
  expected(sample: Sample): string;
  /** The rendered reference followed by every alias, as strings. */
  accepted(sample: Sample): string[];
}

/** Options of {@link createReferenceResolver}. */
export interface ReferenceResolverOptions {
  /** The scorer id, for error messages. */
  readonly scorerId: string;
  readonly reference: string;
  readonly aliases?: string | undefined;
}

/**
 * Compiles a scorer's `reference` template once and reads its `aliases` per sample.
 * A missing or null alias field means no aliases and a lone string counts as one; an alias field
 * holding anything but strings and numbers throws `DATASET_INVALID` naming the sample.
 */
export function createReferenceResolver(options: ReferenceResolverOptions): ReferenceResolver {
  const template = compileTemplate(options.reference, `scorer "${options.scorerId}" reference`);
  const expected = (sample: Sample): string => template.render(sample.data, sample.id);
  return {
    expected,
    accepted(sample) {
      const aliases = options.aliases === undefined ? [] : readAliases(sample, options.aliases, options.scorerId);
      return [expected(sample), ...aliases];
    },
  };
}

/** Reads an array of alternative answers at a dotted path; absent or null means none. */
function readAliases(sample: Sample, path: string, scorerId: string): string[] {
  const value = getPath(sample.data, path);
  if (value === undefined || value === null) return [];
  const items: unknown[] = Array.isArray(value) ? value : [value];
  return items.flatMap((item) => {
    if (item === null || item === undefined) return [];
    if (typeof item === 'string' || typeof item === 'number') return [String(item)];
    throw new VerdictError(
      'DATASET_INVALID',
      `${describeSample(sample)}: scorer "${scorerId}" aliases "${path}" should be an array of strings,` +
        ` got an item ${JSON.stringify(item)}`,
      { context: { sampleId: sample.id, field: path, scorer: scorerId } },
    );
  });
}

/** `file:line (sample "id")`, the prefix of every per-sample error. */
export function describeSample(sample: Sample): string {
  return `${sample.source.file}:${sample.source.line} (sample "${sample.id}")`;
}
