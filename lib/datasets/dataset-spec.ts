import { z } from 'zod';
import { CounterfactualSpecSchema } from './counterfactual-spec.ts';
import { PerturbationsSpecSchema } from './perturbation-spec.ts';

/** The dataset formats a spec may name in `dataset.format` (each has a reader in `datasetFormats`). */
export const SPEC_FORMATS = ['jsonl', 'csv', 'bbq', 'gsm8k', 'parquet', 'mmlu', 'cmmlu', 'ceval', 'arc', 'hellaswag', 'truthfulqa-mc1', 'truthfulqa-mc2', 'mgsm', 'humaneval', 'mbpp', 'code'] as const;

/** A spec's `dataset:` block: which rows to read and how (lib/spec embeds it in the whole spec schema). */
export const DatasetSpecSchema = z
  .object({
    /** A file, a glob, or a list of them; relative to the spec file. */
    path: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
    format: z.enum(SPEC_FORMATS).default('jsonl'),
    /** Field holding a stable sample id; rows without it are numbered by line. */
    idField: z.string().default('id'),
    /** Field grouping samples for `byCategory` metrics. */
    categoryField: z.string().optional(),
    /** Field naming a cluster for clustered intervals (e.g. a template id). */
    clusterField: z.string().optional(),
    /** Use only the first N samples. */
    limit: z.number().int().positive().optional(),
    /** Where the data comes from (a URL, a citation, "hand-written for this project"), for the audit dossier's dataset card. */
    source: z.string().min(1).optional(),
    /** The data's license (an SPDX id such as CC-BY-4.0, or its words), for the dataset card. */
    license: z.string().min(1).optional(),
    /** Expand each row over protected-group values (counterfactual fairness); `limit` counts base rows. */
    counterfactual: CounterfactualSpecSchema.optional(),
    /** Seeded perturbed variants of each row (typos, case, width, script...), linked to their original (robustness). */
    perturbations: PerturbationsSpecSchema.optional(),
  })
  .strict();

/** A `dataset:` block after parsing (defaults applied). */
export type DatasetSpec = z.output<typeof DatasetSpecSchema>;
