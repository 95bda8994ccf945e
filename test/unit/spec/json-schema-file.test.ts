import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evalSpecJsonSchema } from '../../../lib/spec/index.ts';

describe('evals/verdict-spec.schema.json', () => {
  it('matches the spec schema (regenerate with `npm run schema` after changing it)', () => {
    const committed = JSON.parse(readFileSync(join(import.meta.dirname, '../../../evals/verdict-spec.schema.json'), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(evalSpecJsonSchema())));
  });
});
