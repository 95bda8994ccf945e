import { z } from 'zod';
import { EvalSpecSchema } from './schema.ts';

/** The spec's JSON Schema, for editor completion in `evals/*.yaml`. */
export function evalSpecJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(EvalSpecSchema, { io: 'input', unrepresentable: 'any' }),
    title: 'Verdict eval spec',
  };
}
