import { VerdictError } from '../errors/index.ts';
import type { CounterfactualSpec } from './counterfactual-spec.ts';
import type { Sample } from './sample.ts';

/** What each variant records about its expansion, under `data.counterfactual`. */
export interface CounterfactualInfo {
  readonly attribute: string;
  /** The group id (also the sample's category). */
  readonly group: string;
  /** Position of the group in the spec; 0 is the group listed first (the "advantaged" one for `stereotype`). */
  readonly index: number;
  readonly groups: readonly string[];
  readonly baseId: string;
  readonly value: string;
}

/**
 * Expands each base sample into one variant per group value, so the variants differ only in the
 * protected attribute. Each variant:
 * - has id `${baseId}~${group}`, category = the group id, cluster = the base id (so intervals
 *   resample base rows, not variants);
 * - gets `data[attribute] = value`, `data.group`, `data.baseId` and `data.counterfactual`
 *   ({@link CounterfactualInfo});
 * - has every `{{attribute}}` in the row's strings (nested too) replaced by the value, so a
 *   dataset of templates ("Should we hire {{applicant}}?") works with any prompt.
 * A base row that already has the attribute field, or whose language has no values, is an error.
 */
export function expandCounterfactual(samples: readonly Sample[], spec: CounterfactualSpec): Sample[] {
  const perLanguage = !Array.isArray(spec.values);
  const firstList = Array.isArray(spec.values) ? spec.values : Object.values(spec.values)[0]!;
  const groups = spec.groups ?? firstList;
  const placeholder = new RegExp(`\\{\\{\\s*${spec.attribute}\\s*\\}\\}`, 'g');
  return samples.flatMap((sample) => {
    const where = `${sample.source.file}:${sample.source.line}`;
    for (const field of [spec.attribute, 'group', 'baseId', 'counterfactual']) {
      if (Object.hasOwn(sample.data, field)) {
        throw invalid(`${where}: row already has a "${field}" field, which the counterfactual expansion would overwrite; rename it`);
      }
    }
    const values = perLanguage ? valuesForLanguage(sample, spec, where) : (spec.values as string[]);
    return groups.map((group, index) => {
      const value = values[index]!;
      const info: CounterfactualInfo = { attribute: spec.attribute, group, index, groups, baseId: sample.id, value };
      const data = substitute(sample.data, placeholder, value) as Record<string, unknown>;
      return {
        id: `${sample.id}~${group}`,
        data: { ...data, [spec.attribute]: value, group, baseId: sample.id, counterfactual: info },
        source: sample.source,
        category: group,
        cluster: sample.id,
      };
    });
  });
}

function valuesForLanguage(sample: Sample, spec: CounterfactualSpec, where: string): string[] {
  const lists = spec.values as Record<string, string[]>;
  const language = sample.data[spec.languageField];
  if (typeof language !== 'string' || !Object.hasOwn(lists, language)) {
    throw invalid(
      `${where}: counterfactual values are per language, but the row's "${spec.languageField}" is ${JSON.stringify(language) ?? 'missing'}; ` +
        `expected one of ${Object.keys(lists).join(', ')}`,
    );
  }
  return lists[language]!;
}

function substitute(value: unknown, placeholder: RegExp, replacement: string): unknown {
  if (typeof value === 'string') return value.replace(placeholder, () => replacement);
  if (Array.isArray(value)) return value.map((item) => substitute(item, placeholder, replacement));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substitute(item, placeholder, replacement)]));
  }
  return value;
}

function invalid(message: string): VerdictError {
  return new VerdictError('DATASET_INVALID', `dataset.counterfactual: ${message}`);
}
