import { getScorerDefinition, type Scorer, type ScorerPorts } from '../scorers/index.ts';
import type { ScorerSpec } from '../spec/index.ts';

/** A scorer and its resolved parameters, as recorded in the manifest. */
export interface InstantiatedScorer {
  readonly scorer: Scorer;
  readonly description: { id: string; type: string; params: Record<string, unknown> };
}

/**
 * Creates the spec's scorers; the first is the primary one. Ids default to the scorer type.
 * `ports` are what graders call (judge models, sandboxes); plain scorers ignore them.
 */
export function instantiateScorers(specs: readonly ScorerSpec[], ports: ScorerPorts = {}): InstantiatedScorer[] {
  return specs.map((spec) => {
    const { type, id, ...rest } = spec as ScorerSpec & Record<string, unknown>;
    const definition = getScorerDefinition(type);
    const params = definition.params.parse(rest) as Record<string, unknown>;
    const scorerId = id ?? type;
    return { scorer: definition.create(params as never, { id: scorerId, ports }), description: { id: scorerId, type, params } };
  });
}
