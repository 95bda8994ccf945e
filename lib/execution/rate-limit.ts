import pLimit from 'p-limit';
import type { CandidateRuntime } from '../engine/index.ts';
import type { Clock, Completion, CompletionRequest, Provider } from '../ports/index.ts';
import type { RateLimit } from '../spec/index.ts';

/**
 * A generic cell rate algorithm (GCRA; ITU-T I.371, the "virtual scheduling" form): a cost of
 * `n` units is due at the theoretical arrival time `tat`, which then moves on by `n · interval`.
 * A request may go up to `tolerance` ms early, so a timer that fires late is caught up on the
 * next one instead of lowering the rate; the long-run rate never passes 1 / interval.
 */
export class Gcra {
  private tat = -Infinity;

  constructor(
    /** Milliseconds per unit (60,000 / per-minute limit). */
    private readonly intervalMs: number,
    private readonly toleranceMs: number,
  ) {}

  /** Books `cost` units and returns when they may be spent (a time on the clock's `now()` scale). */
  reserve(now: number, cost: number): number {
    const due = Math.max(now, this.tat - this.toleranceMs);
    this.tat = Math.max(this.tat, now) + cost * this.intervalMs;
    return due;
  }

  /** Corrects an earlier booking once its real cost is known (a token estimate versus the server's count). */
  adjust(delta: number): void {
    this.tat += delta * this.intervalMs;
  }
}

/** A rough input-token count (4 characters a token): booked before the call, corrected by the answer's usage. */
function estimateInputTokens(request: CompletionRequest): number {
  let characters = 0;
  for (const message of request.messages) characters += message.content.length;
  return Math.ceil(characters / 4);
}

/** Tokens the provider counted for a call; null when it did not say. */
function spentTokens(completion: Completion): number | null {
  const usage = completion.usage;
  return usage && usage.source !== 'none' ? usage.inputTokens + usage.outputTokens : null;
}

/**
 * Holds a provider to its rate limit: at most `concurrency` calls in flight, calls started at no
 * more than `rpm` a minute, and tokens at no more than `tpm` a minute (each call books its input
 * estimate when it starts and the server's count when it ends). Limits count calls to the
 * candidate; a call's own retries are inside it.
 */
export function rateLimitedProvider(provider: Provider, limit: RateLimit, clock: Clock): Provider {
  const inFlight = limit.concurrency !== undefined ? pLimit(limit.concurrency) : undefined;
  // Tolerance of one call (and one second of tokens): short enough that a window of a few seconds stays within a few percent.
  const requests = limit.rpm !== undefined ? new Gcra(60_000 / limit.rpm, 60_000 / limit.rpm) : undefined;
  const tokens = limit.tpm !== undefined ? new Gcra(60_000 / limit.tpm, 1_000) : undefined;
  const call = async (request: CompletionRequest): Promise<Completion> => {
    const estimate = estimateInputTokens(request);
    const now = clock.now();
    const due = Math.max(requests?.reserve(now, 1) ?? now, tokens?.reserve(now, estimate) ?? now);
    // An aborted item stops waiting for its turn (its booking stays: the schedule only moves on).
    if (due > now) await clock.sleep(due - now, request.signal);
    // Also after a wait for a free slot (`concurrency`): a call the item no longer wants is not made.
    request.signal?.throwIfAborted();
    const completion = await provider.complete(request);
    const spent = spentTokens(completion);
    if (tokens && spent !== null) tokens.adjust(spent - estimate);
    return completion;
  };
  return {
    id: provider.id,
    complete: inFlight ? (request) => inFlight(() => call(request)) : call,
    ...(provider.close && { close: () => provider.close!() }),
    ...(provider.countTokens && { countTokens: provider.countTokens }),
  };
}

/** Wraps every candidate that has a `rateLimit` (model candidates only: replays and controls call nothing). */
export function rateLimitedCandidates(
  candidates: ReadonlyMap<string, CandidateRuntime>,
  limits: ReadonlyMap<string, RateLimit>,
  clock: Clock,
): Map<string, CandidateRuntime> {
  const limited = new Map<string, CandidateRuntime>();
  for (const [id, candidate] of candidates) {
    const limit = limits.get(id);
    limited.set(id, limit && candidate.kind === 'model' ? { ...candidate, provider: rateLimitedProvider(candidate.provider, limit, clock) } : candidate);
  }
  return limited;
}

/** The map's width and each worker's share of every rate limit, by group (candidates, judges), as the manifest records them. */
export interface RateLimitPartition<Group extends string> {
  /** Shards that run at once: the spec's `execution.workers`, lowered so that every worker gets at least one request in flight to each provider. */
  readonly workers: number;
  /** Each worker's share, per group and id with a `rateLimit`. */
  readonly perWorker: Record<Group, Record<string, RateLimit>>;
}

/** Default `execution.workers`: the Distributed Map's MaxConcurrency. */
export const DEFAULT_CLOUD_WORKERS = 40;

/**
 * Splits each limit (of a candidate or a judge) evenly over the workers that run at once, so that
 * the sum over every worker never passes the provider's limit: rpm and tpm / workers, concurrency
 * floor(concurrency / workers). A concurrency below the requested workers lowers the workers, for
 * every group alike.
 *
 * @example
 * partitionRateLimits(40, { candidates: new Map([['m', { rpm: 600, concurrency: 16 }]]) })
 * // { workers: 16, perWorker: { candidates: { m: { rpm: 37.5, concurrency: 1 } } } }
 */
export function partitionRateLimits<Group extends string>(
  requestedWorkers: number,
  groups: Record<Group, ReadonlyMap<string, RateLimit>>,
): RateLimitPartition<Group> {
  const entries = Object.entries(groups) as [Group, ReadonlyMap<string, RateLimit>][];
  let workers = requestedWorkers;
  for (const [, limits] of entries) for (const limit of limits.values()) if (limit.concurrency !== undefined) workers = Math.min(workers, limit.concurrency);
  const perWorker = {} as Record<Group, Record<string, RateLimit>>;
  for (const [group, limits] of entries) {
    const shares: Record<string, RateLimit> = {};
    for (const [id, limit] of limits) {
      shares[id] = {
        ...(limit.rpm !== undefined && { rpm: limit.rpm / workers }),
        ...(limit.tpm !== undefined && { tpm: limit.tpm / workers }),
        ...(limit.concurrency !== undefined && { concurrency: Math.floor(limit.concurrency / workers) }),
      };
    }
    perWorker[group] = shares;
  }
  return { workers, perWorker };
}

/** The rate limits of candidates (or judges) by id. */
export function rateLimitsOf(candidates: readonly { id: string; rateLimit?: RateLimit }[]): Map<string, RateLimit> {
  return new Map(candidates.filter((candidate) => candidate.rateLimit !== undefined).map((candidate) => [candidate.id, candidate.rateLimit!]));
}
