import { itemSeed } from '../../stats/index.ts';
import { VerdictError } from '../../errors/index.ts';
import type { PerturbationsSpec, PerturbationTransform } from '../perturbation-spec.ts';
import type { Sample } from '../sample.ts';
import { applyTransform, loadScriptConverter, type ScriptConverter } from './apply-transform.ts';

/** What each row records under `data.perturbation` (and each record under `meta.perturbation`). */
export interface PerturbationInfo {
  /** The original sample's id: every variant links to it. */
  readonly baseId: string;
  /** `original`, or the transform's id (default its type). */
  readonly name: string;
  readonly type?: PerturbationTransform['type'];
  /** The transform's parameters and the seed its random choices used, so the variant can be rebuilt. */
  readonly params?: Readonly<Record<string, unknown>>;
  readonly seed?: number;
  readonly fields?: readonly string[];
  /** False when the transform left every field as it was (e.g. no punctuation to strip). */
  readonly changed?: boolean;
  readonly template?: string;
  /** On the original: the names of its variants. */
  readonly variants?: readonly string[];
}

/**
 * Keeps each sample and adds one variant per transform, linked to it as counterfactual variants
 * are (`counterfactual.ts`): id `${baseId}~${name}`, cluster = the base row (intervals resample
 * originals, not variants), `data.perturbation` = {@link PerturbationInfo}. Only the named fields
 * change; each transform's randomness is seeded by the spec seed, the sample id and the variant
 * name, so a rerun makes the same variants.
 */
export async function expandPerturbations(samples: readonly Sample[], spec: PerturbationsSpec): Promise<Sample[]> {
  const converters = await scriptConverters(spec.transforms);
  const names = spec.transforms.map((transform) => transform.id ?? transform.type);
  return samples.flatMap((sample) => {
    const where = `${sample.source.file}:${sample.source.line}`;
    if (Object.hasOwn(sample.data, 'perturbation')) {
      throw invalid(`${where}: row already has a "perturbation" field, which the perturbation expansion would overwrite; rename it`);
    }
    const cluster = sample.cluster ?? sample.id;
    const original: Sample = { ...sample, data: { ...sample.data, perturbation: { baseId: sample.id, name: 'original', variants: names } satisfies PerturbationInfo }, cluster };
    const variants = spec.transforms.map((transform, index): Sample => {
      const name = names[index]!;
      const seed = itemSeed(spec.seed, `${sample.id}~${name}`);
      let data: Record<string, unknown> = sample.data;
      let changed = false;
      let template: string | undefined;
      for (const field of spec.fields) {
        const value = readPath(sample.data, field);
        if (typeof value !== 'string' && !(Array.isArray(value) && value.every((item) => typeof item === 'string'))) {
          throw invalid(`${where}: fields: "${field}" is ${value === undefined ? 'missing' : `a ${typeof value}`}; perturbations need a string or a list of strings`);
        }
        const context = { seed, convertScript: transform.type === 'chinese-script' ? converters.get(transform.to) : undefined };
        const apply = (text: string, offset: number) => {
          const result = applyTransform(text, transform, { ...context, seed: (seed + offset) >>> 0 });
          template ??= result.template;
          return result.text;
        };
        const next = typeof value === 'string' ? apply(value, 0) : value.map((item, at) => apply(item, at + 1));
        if (JSON.stringify(next) !== JSON.stringify(value)) changed = true;
        data = writePath(data, field, next);
      }
      const { type, id: _id, ...params } = transform;
      const info: PerturbationInfo = { baseId: sample.id, name, type, params, seed, fields: spec.fields, changed, ...(template !== undefined && { template }) };
      return { ...sample, id: `${sample.id}~${name}`, data: { ...data, perturbation: info }, cluster };
    });
    return [original, ...variants];
  });
}

async function scriptConverters(transforms: readonly PerturbationTransform[]): Promise<Map<string, ScriptConverter>> {
  const converters = new Map<string, ScriptConverter>();
  for (const transform of transforms) {
    if (transform.type === 'chinese-script' && !converters.has(transform.to)) converters.set(transform.to, await loadScriptConverter(transform.to));
  }
  return converters;
}

function readPath(data: Record<string, unknown>, path: string): unknown {
  let value: unknown = data;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** A copy of `data` with `path` set; the objects along the path are copied, the rest shared. */
function writePath(data: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const [key, ...rest] = path.split('.');
  if (rest.length === 0) return { ...data, [key!]: value };
  return { ...data, [key!]: writePath((data[key!] ?? {}) as Record<string, unknown>, rest.join('.'), value) };
}

function invalid(message: string): VerdictError {
  return new VerdictError('DATASET_INVALID', `dataset.perturbations: ${message}`);
}
