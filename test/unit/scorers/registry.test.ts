import { describe, expect, it } from 'vitest';
import { isVerdictError } from '../../../lib/errors/index.ts';
import { getScorerDefinition, isScorerType, scorerRegistry, scorerTypes } from '../../../lib/scorers/registry.ts';

describe('scorer registry', () => {
  it('keys every definition by its own id', () => {
    for (const [type, definition] of Object.entries(scorerRegistry)) expect(definition.id).toBe(type);
    expect(scorerTypes).toEqual(expect.arrayContaining(['exact', 'includes', 'regex', 'choice', 'numeric', 'f1', 'bbq', 'decision', 'refusal', 'pii']));
  });

  it('returns the definition of a known type', () => {
    expect(getScorerDefinition('numeric')).toBe(scorerRegistry.numeric);
    expect(isScorerType('f1')).toBe(true);
  });

  it('throws UNKNOWN_SCORER listing the known types for an unknown one', () => {
    let error: unknown;
    try {
      getScorerDefinition('exact_match');
    } catch (caught) {
      error = caught;
    }
    expect(isVerdictError(error, 'UNKNOWN_SCORER')).toBe(true);
    expect((error as Error).message).toMatch(/^unknown scorer "exact_match"; known: exact, includes, regex, choice, numeric, f1\b/);
  });

  it('does not mistake inherited object keys for scorer types', () => {
    expect(isScorerType('toString')).toBe(false);
    expect(() => getScorerDefinition('constructor')).toThrow(/unknown scorer "constructor"/);
  });

  it('gives every definition strict params that reject unknown keys', () => {
    for (const definition of Object.values(scorerRegistry)) {
      expect(definition.params.safeParse({ reference: '{{a}}', pattern: 'a', bogus: 1 }).success).toBe(false);
    }
  });
});
