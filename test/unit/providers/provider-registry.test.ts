import { describe, expect, it } from 'vitest';
import { isVerdictError } from '../../../lib/errors/index.ts';
import { getProviderDefinition, providerRegistry } from '../../../lib/providers/index.ts';

describe('provider registry', () => {
  it('registers each definition under its own id', () => {
    for (const [id, definition] of Object.entries(providerRegistry)) expect(definition.id).toBe(id);
  });

  it('returns a known definition', () => {
    expect(getProviderDefinition('replay').kind).toBe('replay');
  });

  it('names the known providers when asked for an unknown one', () => {
    let caught: unknown;
    try {
      getProviderDefinition('anthropic');
    } catch (error) {
      caught = error;
    }
    expect(isVerdictError(caught, 'UNKNOWN_PROVIDER')).toBe(true);
    expect((caught as Error).message).toBe('unknown provider "anthropic"; known: openai, replay, control, bedrock');
  });

  it('does not mistake Object.prototype keys for providers', () => {
    expect(() => getProviderDefinition('toString')).toThrow(/unknown provider "toString"/);
  });
});
