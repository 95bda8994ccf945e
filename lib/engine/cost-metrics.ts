import type { MetricOf } from '../results/index.ts';

/** A candidate's price per million tokens (the spec's `price`). */
export interface TokenPrice {
  readonly inputPerMTokUsd: number;
  readonly outputPerMTokUsd: number;
}

/** What a candidate's cost is computed from. */
export interface CostInputs {
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** Records that had token counts (server usage or tokenizer). */
  readonly counted: number;
  /** Every record of the candidate, failed ones included. */
  readonly items: number;
  /** Records the primary scorer passed. */
  readonly correct: number;
  /** Answers served from the response cache, with the tokens their original calls used. */
  readonly cached?: { readonly n: number; readonly inputTokens: number; readonly outputTokens: number };
}

/**
 * Cost metrics: `cost.usd` = (input tokens · input price + output tokens · output price) / 10⁶
 * (the per-million-token list prices providers publish), `cost.per_correct_usd` = cost / correct
 * answers (null when none is correct), `cost.per_1k_samples_usd` = cost / items · 1000.
 * Failed requests have no usage and cost nothing here; `uncounted` says how many records lacked
 * token counts, so a reader knows when the figure is a lower bound. Answers served from the
 * response cache cost nothing now: they are left out of `cost.usd`, and what their original calls
 * cost is shown apart as `cachedUsd` (with `cached`, their count).
 *
 * @example
 * costMetrics({ inputPerMTokUsd: 0.15, outputPerMTokUsd: 0.6 },
 *   { inputTokens: 1_000_000, outputTokens: 500_000, counted: 1000, items: 1000, correct: 800 })
 * // cost.usd 0.45, cost.per_correct_usd 0.0005625, cost.per_1k_samples_usd 0.45
 */
export function costMetrics(price: TokenPrice, inputs: CostInputs): Record<string, MetricOf<'cost'>> {
  const usd = priceOf(price, inputs.inputTokens, inputs.outputTokens);
  // Cached answers were not asked for now, so they are neither counted nor "uncounted".
  const uncounted = inputs.items - inputs.counted - (inputs.cached?.n ?? 0);
  return {
    'cost.usd': {
      kind: 'cost',
      value: usd,
      n: inputs.counted,
      uncounted,
      inputTokens: inputs.inputTokens,
      outputTokens: inputs.outputTokens,
      ...(inputs.cached && { cached: inputs.cached.n, cachedUsd: priceOf(price, inputs.cached.inputTokens, inputs.cached.outputTokens) }),
    },
    'cost.per_correct_usd': { kind: 'cost', value: inputs.correct > 0 ? usd / inputs.correct : null, n: inputs.correct },
    'cost.per_1k_samples_usd': { kind: 'cost', value: inputs.items > 0 ? (usd / inputs.items) * 1000 : null, n: inputs.items },
  };
}

function priceOf(price: TokenPrice, inputTokens: number, outputTokens: number): number {
  return (inputTokens * price.inputPerMTokUsd + outputTokens * price.outputPerMTokUsd) / 1_000_000;
}
