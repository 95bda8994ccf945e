import { VerdictError } from '../errors/index.ts';
import { choice } from './choice.ts';
import { exact } from './exact.ts';
import { f1 } from './f1.ts';
import { includes } from './includes.ts';
import { numeric } from './numeric.ts';
import { regex } from './regex.ts';
import type { ScorerDefinition } from './types.ts';
import { bbq } from './bbq.ts';
import { decision } from './decision.ts';
import { pii } from './pii/pii.ts';
import { refusal } from './refusal.ts';
import { judge } from './judge/judge.ts';
import { code } from './code.ts';
import { bleu } from './bleu.ts';
import { chrf } from './chrf.ts';
import { ter } from './ter.ts';
import { rouge } from './rouge.ts';
import { mc2 } from './mc2.ts';

/**
 * Every scorer type a spec can name, keyed by its `type`. To add one, write `lib/scorers/<id>.ts`
 * exporting a `defineScorer(...)` and add it here; {@link ScorerType} and the spec's list of
 * known scorers follow from the keys.
 */
export const scorerRegistry = {
  exact,
  includes,
  regex,
  choice,
  numeric,
  f1,
  bbq,
  decision,
  refusal,
  pii,
  judge,
  code,
  bleu,
  chrf,
  ter,
  rouge,
  mc2,
} satisfies Record<string, ScorerDefinition>;

/** A scorer type: a key of {@link scorerRegistry}. */
export type ScorerType = keyof typeof scorerRegistry;

/** The scorer types, in registry order. */
export const scorerTypes = Object.keys(scorerRegistry) as ScorerType[];

/** True when `type` names a registered scorer. */
export function isScorerType(type: string): type is ScorerType {
  return Object.hasOwn(scorerRegistry, type);
}

/**
 * The definition of a scorer type; throws `UNKNOWN_SCORER` listing the known types.
 *
 * @example
 * getScorerDefinition('exact_match') // throws: unknown scorer "exact_match"; known: exact, includes, ...
 */
export function getScorerDefinition<Type extends ScorerType>(type: Type): (typeof scorerRegistry)[Type];
export function getScorerDefinition(type: string): ScorerDefinition;
export function getScorerDefinition(type: string): ScorerDefinition {
  if (!isScorerType(type)) {
    throw new VerdictError('UNKNOWN_SCORER', `unknown scorer "${type}"; known: ${scorerTypes.join(', ')}`, {
      context: { type, known: scorerTypes },
    });
  }
  return scorerRegistry[type];
}
