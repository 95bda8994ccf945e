import { z } from 'zod';
import { defineProviderDefinition } from './definition.ts';

const oneOrMany = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

/** Parameters of a `replay` candidate. Unknown keys are errors. */
export const ReplayProviderParamsSchema = z.strictObject({
  /** JSONL file(s) relative to the spec: a path, a glob, or a list of either. */
  file: oneOrMany,
  /** Dataset field(s) joined on the same field names in the replay rows. */
  key: oneOrMany,
  /** Dotted path to the output in a replay row, e.g. `output.text`. */
  field: z.string().min(1),
  /**
   * Field of a replay row holding its repeat number (e.g. `sample_index`): repeat r gets the row
   * whose field is r, so n recorded samples per task replay as n repeats. Without it, repeat r
   * gets row r mod n in file order.
   */
  repeatField: z.string().min(1).optional(),
});

/** Recorded outputs joined to the dataset; the reader is lib/providers/replay.ts. */
export const replayDefinition = defineProviderDefinition({
  id: 'replay',
  description: 'Recorded outputs from JSONL files, joined to the dataset on key fields',
  kind: 'replay',
  params: ReplayProviderParamsSchema,
});
