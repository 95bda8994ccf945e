import type { ResultRecord } from '../results/index.ts';
import type { TokenPrice } from './cost-metrics.ts';

/** A run's spending limits (`execution.maxCostUsd`, `execution.maxTokens`). */
export interface BudgetLimits {
  readonly maxCostUsd?: number;
  readonly maxTokens?: number;
}

/** Why and where a run stopped dispatching. */
export interface BudgetStop {
  /** The spec key of the limit that stopped it. */
  readonly limit: 'execution.maxCostUsd' | 'execution.maxTokens';
  readonly value: number;
  readonly spentUsd: number;
  readonly spentTokens: number;
  /** Items recorded as `BUDGET` errors instead of being run. */
  readonly notRun: number;
}

interface Spend {
  usd: number;
  tokens: number;
}

/** The error code of an item that was not run because the budget would have been passed. */
export const BUDGET_ERROR_CODE = 'BUDGET';

/**
 * Keeps a run within its budget. Before each item is dispatched, `admit` adds what is spent,
 * what items in flight are expected to spend, and what this item is expected to spend (the mean
 * of this candidate's settled items; 0 before the first); when that would pass a limit, the item
 * and every later one are refused, so the run ends instead of overspending. Cost counts only
 * candidates with a price; cached answers cost nothing.
 */
export class RunBudget {
  readonly #limits: BudgetLimits;
  readonly #prices: ReadonlyMap<string, TokenPrice>;
  readonly #spent: Spend = { usd: 0, tokens: 0 };
  readonly #reserved: Spend = { usd: 0, tokens: 0 };
  readonly #perCandidate = new Map<string, { settled: number; usd: number; tokens: number }>();
  readonly #inFlight = new Map<string, number>();
  #stop: BudgetStop | undefined;

  constructor(limits: BudgetLimits, prices: ReadonlyMap<string, TokenPrice>) {
    this.#limits = limits;
    this.#prices = prices;
  }

  /** Where the run stopped, or undefined while within budget. */
  get stop(): BudgetStop | undefined {
    return this.#stop;
  }

  /** True when the item may run (and reserves its expected spend); false once the budget would be passed. */
  admit(candidate: string): boolean {
    if (this.#stop) {
      this.#stop = { ...this.#stop, notRun: this.#stop.notRun + 1 };
      return false;
    }
    const expected = this.#expected(candidate);
    const limit = this.#passedLimit(expected);
    if (limit) {
      this.#stop = { ...limit, spentUsd: this.#spent.usd, spentTokens: this.#spent.tokens, notRun: 1 };
      return false;
    }
    this.#reserved.usd += expected.usd;
    this.#reserved.tokens += expected.tokens;
    this.#inFlight.set(candidate, (this.#inFlight.get(candidate) ?? 0) + 1);
    return true;
  }

  /**
   * Counts an item recorded by an earlier attempt at this run (`--resume`): what it spent is
   * spent, and it informs the expected spend of its candidate's next items; nothing was reserved.
   */
  countEarlier(candidate: string, record: ResultRecord): void {
    if (record.error?.code === BUDGET_ERROR_CODE) return;
    this.#addSpend(candidate, record);
  }

  /** Records what an admitted item spent and releases its reservation. */
  settle(candidate: string, record: ResultRecord): void {
    if (record.error?.code === BUDGET_ERROR_CODE) return;
    const expected = this.#expected(candidate);
    this.#reserved.usd = Math.max(0, this.#reserved.usd - expected.usd);
    this.#reserved.tokens = Math.max(0, this.#reserved.tokens - expected.tokens);
    this.#inFlight.set(candidate, Math.max(0, (this.#inFlight.get(candidate) ?? 1) - 1));
    this.#addSpend(candidate, record);
  }

  #addSpend(candidate: string, record: ResultRecord): void {
    const spend = this.#spendOf(candidate, record);
    this.#spent.usd += spend.usd;
    this.#spent.tokens += spend.tokens;
    if (record.usage !== null && record.cache === undefined) {
      const seen = this.#perCandidate.get(candidate) ?? { settled: 0, usd: 0, tokens: 0 };
      this.#perCandidate.set(candidate, { settled: seen.settled + 1, usd: seen.usd + spend.usd, tokens: seen.tokens + spend.tokens });
    }
  }

  #expected(candidate: string): Spend {
    const seen = this.#perCandidate.get(candidate);
    return seen === undefined || seen.settled === 0 ? { usd: 0, tokens: 0 } : { usd: seen.usd / seen.settled, tokens: seen.tokens / seen.settled };
  }

  #passedLimit(next: Spend): Pick<BudgetStop, 'limit' | 'value'> | undefined {
    const { maxCostUsd, maxTokens } = this.#limits;
    if (maxCostUsd !== undefined && this.#spent.usd + this.#reserved.usd + next.usd > maxCostUsd) return { limit: 'execution.maxCostUsd', value: maxCostUsd };
    if (maxTokens !== undefined && this.#spent.tokens + this.#reserved.tokens + next.tokens > maxTokens) return { limit: 'execution.maxTokens', value: maxTokens };
    return undefined;
  }

  #spendOf(candidate: string, record: ResultRecord): Spend {
    if (record.usage === null || record.cache !== undefined) return { usd: 0, tokens: 0 };
    const price = this.#prices.get(candidate);
    const { inputTokens, outputTokens } = record.usage;
    const usd = price ? (inputTokens * price.inputPerMTokUsd + outputTokens * price.outputPerMTokUsd) / 1_000_000 : 0;
    return { usd, tokens: inputTokens + outputTokens };
  }
}

/** Which limit would have been passed, and what was spent when it stopped the run. */
export function describeBudgetLimit(stop: BudgetStop): string {
  const limit = stop.limit === 'execution.maxCostUsd' ? `${stop.limit} = $${stop.value}` : `${stop.limit} = ${stop.value}`;
  const spent = stop.limit === 'execution.maxCostUsd' ? `$${stop.spentUsd.toFixed(6)}` : `${stop.spentTokens} tokens`;
  return `the next request would pass the budget (${limit}; spent ${spent})`;
}

/** One line for the user: which limit, what was spent, how many items were not run. */
export function describeBudgetStop(stop: BudgetStop): string {
  return `${describeBudgetLimit(stop)}: ${stop.notRun} items not run, recorded as ${BUDGET_ERROR_CODE} errors`;
}
