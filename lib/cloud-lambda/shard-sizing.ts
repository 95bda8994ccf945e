import type { DescribedJudge, DescribedScorer } from '../engine/index.ts';
import { VerdictError } from '../errors/index.ts';
import { MAX_RETRY_AFTER_MS } from '../providers/index.ts';
import { judgeRefsOf } from '../run/index.ts';
import { isPairwise } from '../scorers/index.ts';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../spec/index.ts';

/** Lambda's hard limit on one invocation (15 minutes). */
export const LAMBDA_MAX_DURATION_MS = 15 * 60 * 1000;

/**
 * The end of a worker's invocation kept free of model calls: enough to write the shard's records,
 * including error records for items it had no time left to run.
 */
export const WORKER_SAFETY_MARGIN_MS = 30_000;

/** The least 429 wait a shard keeps room for, even if the providers' Retry-After clamp is lowered. */
const MIN_RATE_LIMIT_WAIT_MS = 120_000;

/** Inputs of {@link lambdaShardSize}. */
export interface ShardSizingInput {
  /** Per-request timeout (`execution.timeoutMs`). */
  readonly timeoutMs: number;
  /** Retries after the first attempt (`execution.retries`). */
  readonly retries: number;
  /** Requests in flight in one worker (`execution.concurrency`). */
  readonly concurrency: number;
  /** Per-candidate caps (`candidates[].concurrency`), undefined where a candidate has none. */
  readonly candidateConcurrency?: readonly (number | undefined)[];
  /** The spec's own `execution.shardSize`, an upper bound when set. */
  readonly requested?: number;
  /** @default 500 (keeps a shard file a few MB and a retry cheap) */
  readonly maxShardSize?: number;
  /** The worker's timeout. @default LAMBDA_MAX_DURATION_MS */
  readonly functionTimeoutMs?: number;
  readonly retryPolicy?: RetryPolicy;
  /** The longest `Retry-After` the providers honour. @default MAX_RETRY_AFTER_MS (lib/providers) */
  readonly retryAfterClampMs?: number;
  /** Each candidate's per-worker requests per minute (its `rateLimit` share), undefined where it has none. */
  readonly candidateRpm?: readonly (number | undefined)[];
  /** Judge calls an item waits for after its answer ({@link judgeCallsOf}). @default 0 */
  readonly judgeCallsPerItem?: number;
  /** Each rate-limited judge's per-worker rpm and the calls one item makes to it ({@link judgeCallsOf}). */
  readonly judgeRpm?: readonly { readonly rpm: number; readonly callsPerItem: number }[];
}

/** The chosen size and the numbers behind it (printed by the CLI, written to docs/aws.md). */
export interface ShardSizing {
  readonly shardSize: number;
  /** Worst case for one item: every attempt of its call and of its judge calls times out and every back-off waits its ceiling. */
  readonly itemWorstCaseMs: number;
  readonly judgeCallsPerItem: number;
  readonly effectiveConcurrency: number;
  /** One rate-limit stall the shard absorbs (0 without retries: a 429 is then not waited out). */
  readonly rateLimitWaitMs: number;
  /** Sequential "waves" of items that fit in the budget after the stall. */
  readonly waves: number;
  /** The worker's timeout less {@link WORKER_SAFETY_MARGIN_MS}. */
  readonly budgetMs: number;
  /** Worst case for the chosen shard: ceil(shardSize / concurrency) waves × item worst case + the stall. */
  readonly shardWorstCaseMs: number;
}

/**
 * Picks the shard size for Lambda workers so that a shard finishes inside the function timeout,
 * less the safety margin, even when every item exhausts its retries and the provider stalls the
 * shard once with a long 429 `Retry-After`:
 *
 * ```
 * callWorstCase = (retries + 1) · timeoutMs + Σ_{r=1..retries} min(capMs, baseMs · 2^(r−1))
 * itemWorstCase = (1 + judgeCalls) · callWorstCase     (its answer, then its judge calls one after another)
 * budget        = functionTimeout − WORKER_SAFETY_MARGIN_MS       (itemWorstCase must fit)
 * wait          = max(capMs, 120 000, retryAfterClamp)            (0 when retries = 0)
 * waves         = max(1, floor((budget − wait) / itemWorstCase))
 * C             = min(concurrency, candidates · min(candidate caps))
 * rateCap       = floor((budget − wait) / 60 000 · min(per-worker rpm) · candidates)   (when any candidate has an rpm)
 * judgeRateCap  = min over rate-limited judges of floor((budget − wait) / 60 000 · per-worker rpm / its calls per item)
 * shardSize     = max(1, min(waves · C, rateCap, judgeRateCap, requested, maxShardSize))
 * ```
 *
 * The stall is counted once: a 429 answers every request in flight at about the same time, and
 * they wait it out side by side. Anything beyond that is cut by the worker's own clock (the
 * margin), not by Lambda. The rate cap keeps the rate limiter's own waits inside the budget: a
 * shard's items are spread evenly over the candidates, so the slowest candidate starts
 * shardSize / candidates of them at its rpm; every item calls a judge, whatever its candidate.
 *
 * Back-off ceilings follow the providers' full-jitter policy (Brooker, "Exponential Backoff And
 * Jitter", AWS Architecture Blog, 2015). Items are sample-major, so a shard spreads evenly over
 * the candidates and the slowest per-candidate cap bounds the effective concurrency.
 *
 * @example
 * lambdaShardSize({ timeoutMs: 60_000, retries: 4, concurrency: 16 }).shardSize // 32 (two waves of 303.75 s after a 120 s stall)
 */
export function lambdaShardSize(input: ShardSizingInput): ShardSizing {
  const policy = input.retryPolicy ?? DEFAULT_RETRY_POLICY;
  let backoffMs = 0;
  for (let retry = 1; retry <= input.retries; retry++) backoffMs += Math.min(policy.capMs, policy.baseMs * 2 ** (retry - 1));
  const judgeCallsPerItem = input.judgeCallsPerItem ?? 0;
  // Judges are created with the run's timeout and retries (lib/cloud-lambda/shard-runtime.ts), so each judge call's worst case is a candidate call's.
  const itemWorstCaseMs = (1 + judgeCallsPerItem) * ((input.retries + 1) * input.timeoutMs + backoffMs);
  const budgetMs = (input.functionTimeoutMs ?? LAMBDA_MAX_DURATION_MS) - WORKER_SAFETY_MARGIN_MS;
  if (itemWorstCaseMs > budgetMs) {
    const calls = judgeCallsPerItem > 0 ? `1 + ${judgeCallsPerItem} judge calls, each ` : '';
    throw new VerdictError(
      'SPEC_INVALID',
      `execution: one item can take ${formatSeconds(itemWorstCaseMs)} (${calls}timeoutMs ${input.timeoutMs} × ${input.retries + 1} attempts + back-off), ` +
        `more than a Lambda worker's budget of ${formatSeconds(budgetMs)}; lower execution.timeoutMs or execution.retries${judgeCallsPerItem > 0 ? ", or the judge scorers' samples" : ''}`,
      { context: { itemWorstCaseMs, budgetMs, judgeCallsPerItem } },
    );
  }
  const rateLimitWaitMs = input.retries > 0 ? Math.max(policy.capMs, MIN_RATE_LIMIT_WAIT_MS, input.retryAfterClampMs ?? MAX_RETRY_AFTER_MS) : 0;
  // A stall that leaves no room for a whole wave still gets one: the worker's clock cuts it short.
  const workingMs = Math.max(0, budgetMs - rateLimitWaitMs);
  const waves = Math.max(1, Math.floor(workingMs / itemWorstCaseMs));
  const caps = (input.candidateConcurrency ?? []).filter((cap): cap is number => cap !== undefined);
  const candidates = Math.max(1, input.candidateConcurrency?.length ?? 1);
  const effectiveConcurrency = Math.max(1, Math.min(input.concurrency, caps.length > 0 ? candidates * Math.min(...caps) : Infinity));
  const rpms = (input.candidateRpm ?? []).filter((rpm): rpm is number => rpm !== undefined);
  const rateCap = rpms.length > 0 ? Math.floor((workingMs / 60_000) * Math.min(...rpms) * candidates) : Infinity;
  const judgeRateCap = Math.min(...(input.judgeRpm ?? []).filter(({ callsPerItem }) => callsPerItem > 0).map(({ rpm, callsPerItem }) => Math.floor(((workingMs / 60_000) * rpm) / callsPerItem)));
  const shardSize = Math.max(1, Math.min(waves * effectiveConcurrency, rateCap, judgeRateCap, input.requested ?? Infinity, input.maxShardSize ?? 500));
  return {
    shardSize,
    itemWorstCaseMs,
    judgeCallsPerItem,
    effectiveConcurrency,
    rateLimitWaitMs,
    waves,
    budgetMs,
    shardWorstCaseMs: Math.ceil(shardSize / effectiveConcurrency) * itemWorstCaseMs + rateLimitWaitMs,
  };
}

/** The judge calls of one item: how many it waits for in sequence, and how many go to each judge. */
export interface JudgeCalls {
  readonly perItem: number;
  readonly byJudge: ReadonlyMap<string, number>;
}

/**
 * The judge calls one item makes, at most: the `judge` scorers score an item one after another;
 * each asks its judge `samples` times in sequence, twice that when it judges pairs (both orders);
 * a panel asks its judges side by side, so the item waits for one judge's calls while each of
 * them gets that many. Only model judges count: replay and control judges answer at once, with
 * no timeout.
 *
 * @example
 * // rubric with samples: 3, then pairwise (both orders), each with the model judge "gpt"
 * judgeCallsOf(scorers, judges) // { perItem: 5, byJudge: Map { gpt → 5 } }
 */
export function judgeCallsOf(scorers: readonly DescribedScorer[], judges: readonly DescribedJudge[]): JudgeCalls {
  const modelJudges = new Set(judges.filter((judge) => judge.kind === 'model').map((judge) => judge.id));
  const byId = new Map(scorers.map((scorer) => [scorer.id, scorer]));
  const byJudge = new Map<string, number>();
  let perItem = 0;
  for (const { scorer, refs } of judgeRefsOf(scorers)) {
    const called = new Set(refs.map(({ id }) => id).filter((id) => modelJudges.has(id)));
    if (called.size === 0) continue;
    const params = byId.get(scorer)!.params as { kind: 'rubric' | 'pairwise' | 'panel'; task: 'rubric' | 'pairwise'; samples: number };
    const calls = params.samples * (isPairwise(params) ? 2 : 1);
    perItem += calls;
    for (const id of called) byJudge.set(id, (byJudge.get(id) ?? 0) + calls);
  }
  return { perItem, byJudge };
}

/**
 * The shard size cut down to whole samples, for a run whose pairwise scorers judge against one of
 * its candidates: a worker sees only its shard, and the plan is sample-major, so a shard of whole
 * samples holds the baseline's answers of every item it judges. Refused when not even one
 * sample's items (candidates × repeats) fit in a shard.
 */
export function wholeSampleShardSize(shardSize: number, itemsPerSample: number, pairwise: { readonly scorer: string; readonly candidate: string }): number {
  if (shardSize >= itemsPerSample) return shardSize - (shardSize % itemsPerSample);
  throw new VerdictError(
    'SPEC_INVALID',
    `scorers.${pairwise.scorer}: pairwise judging against candidate "${pairwise.candidate}" needs a sample's ${itemsPerSample} items ` +
      `(candidates × repeats) in one cloud shard, but shards hold at most ${shardSize} here (execution.shardSize, or what fits in a Lambda worker's time); ` +
      'raise execution.shardSize or execution.concurrency, lower execution.repeats, timeoutMs or retries, or run it locally',
    { context: { scorer: pairwise.scorer, candidate: pairwise.candidate, itemsPerSample, shardSize } },
  );
}

/**
 * The slowest back-off among the candidates' `backoff:` settings (the default where one sets
 * none), so every candidate's back-off ceilings stay at or below the ones sizing counts.
 *
 * @example
 * slowestRetryPolicy([undefined, { baseMs: 1000, capMs: 5000 }]) // { baseMs: 1000, capMs: 20 000 }
 */
export function slowestRetryPolicy(policies: readonly (RetryPolicy | undefined)[]): RetryPolicy {
  const set = policies.map((policy) => policy ?? DEFAULT_RETRY_POLICY);
  if (set.length === 0) return DEFAULT_RETRY_POLICY;
  return { baseMs: Math.max(...set.map((policy) => policy.baseMs)), capMs: Math.max(...set.map((policy) => policy.capMs)) };
}

function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
