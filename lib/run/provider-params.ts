import type { DescribedCandidate } from '../engine/index.ts';
import { getProviderDefinition, type CandidateSpec } from '../spec/index.ts';

const COMMON_CANDIDATE_KEYS = ['id', 'provider', 'concurrency', 'price', 'rateLimit'] as const;

/** A candidate's (or a judge's) provider params, validated by its provider: the one place they are parsed. */
export function parseProviderParams(candidate: CandidateSpec): Record<string, unknown> {
  const params: Record<string, unknown> = { ...candidate };
  for (const key of COMMON_CANDIDATE_KEYS) delete params[key];
  return getProviderDefinition(candidate.provider).params.parse(params) as Record<string, unknown>;
}

/** A candidate (or a judge defined like one) as the manifest records it: id, provider, kind and params, never secrets. */
export function describeCandidate(candidate: CandidateSpec, params: Record<string, unknown>): DescribedCandidate {
  const definition = getProviderDefinition(candidate.provider);
  return {
    id: candidate.id,
    provider: candidate.provider,
    kind: definition.kind,
    ...(candidate.concurrency !== undefined && { concurrency: candidate.concurrency }),
    ...(candidate.price !== undefined && { price: candidate.price }),
    ...(candidate.rateLimit !== undefined && { rateLimit: candidate.rateLimit }),
    params: definition.describe ? (definition.describe(params as never) as Record<string, unknown>) : params,
  };
}
