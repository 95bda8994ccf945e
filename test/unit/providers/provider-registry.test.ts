import { describe, expect, it } from 'vitest';
import { isVerdictError } from '../../../lib/errors/index.ts';
import { getProvider, providerRegistry } from '../../../lib/providers/index.ts';
import { getProviderDefinition, providerDefinitions } from '../../../lib/spec/index.ts';

describe('provider registry', () => {
  it('registers each definition under its own id', () => {
    for (const [id, definition] of Object.entries(providerDefinitions)) expect(definition.id).toBe(id);
  });

  it('pairs every definition with a factory, in the same order, and no factory without a definition', () => {
    expect(Object.keys(providerRegistry)).toEqual(Object.keys(providerDefinitions));
    for (const [id, provider] of Object.entries(providerRegistry)) {
      const definition = providerDefinitions[id as keyof typeof providerDefinitions];
      expect(provider.params).toBe(definition.params);
      expect(provider.kind).toBe(definition.kind);
      expect(typeof provider.create).toBe('function');
    }
  });

  it('returns a known definition, and its factory from lib/providers', () => {
    expect(getProviderDefinition('replay').kind).toBe('replay');
    expect(getProvider('replay').create).toBe(providerRegistry.replay.create);
  });

  it('names the known providers when asked for an unknown one, from either registry', () => {
    for (const lookup of [getProviderDefinition, getProvider]) {
      let caught: unknown;
      try {
        lookup('anthropic');
      } catch (error) {
        caught = error;
      }
      expect(isVerdictError(caught, 'UNKNOWN_PROVIDER')).toBe(true);
      expect((caught as Error).message).toBe('unknown provider "anthropic"; known: openai, replay, control, bedrock');
    }
  });

  it('does not mistake Object.prototype keys for providers', () => {
    expect(() => getProviderDefinition('toString')).toThrow(/unknown provider "toString"/);
    expect(() => getProvider('toString')).toThrow(/unknown provider "toString"/);
  });
});
