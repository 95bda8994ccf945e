import { RunBudget, type RunDescription, type TokenPrice } from '../engine/index.ts';

/**
 * The budget of a run from its `maxCostUsd` (`--max-cost` applied by `describeRun`) and
 * `maxTokens`; undefined when neither is set. Cost is priced with each candidate's `price`.
 */
export function budgetFor(run: RunDescription): RunBudget | undefined {
  const { execution } = run;
  const limits = { maxCostUsd: execution.maxCostUsd, maxTokens: execution.maxTokens };
  if (limits.maxCostUsd === undefined && limits.maxTokens === undefined) return undefined;
  const prices = new Map<string, TokenPrice>();
  for (const candidate of run.candidates) if (candidate.price !== undefined) prices.set(candidate.id, candidate.price);
  return new RunBudget(limits, prices);
}
