import { RunBudget, type TokenPrice } from '../engine/index.ts';
import type { PreparedRun } from './prepare-run.ts';

/**
 * The budget of a run from `execution.maxCostUsd` / `execution.maxTokens` (`--max-cost` wins
 * over the former); undefined when neither is set. Cost is priced with each candidate's `price`.
 */
export function budgetFor(prepared: PreparedRun, maxCostUsd?: number): RunBudget | undefined {
  const { execution } = prepared.loaded.spec;
  const limits = { maxCostUsd: maxCostUsd ?? execution.maxCostUsd, maxTokens: execution.maxTokens };
  if (limits.maxCostUsd === undefined && limits.maxTokens === undefined) return undefined;
  const prices = new Map<string, TokenPrice>();
  for (const candidate of prepared.candidates) if (candidate.price !== undefined) prices.set(candidate.id, candidate.price);
  return new RunBudget(limits, prices);
}
