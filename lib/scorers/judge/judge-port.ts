import type { Provider } from '../../ports/index.ts';
import type { JudgeRef } from './judge-params.ts';

/**
 * What the run gives judge scorers (`ScorerPorts.judge`). The executor builds it: judges are
 * created exactly like candidates (same provider registry, retries, timeouts, concurrency caps),
 * and each completion's `meta` carries `judge` (its id), `costUsd` (from its `price`) and
 * `alsoCandidate` (candidate ids that are the same model: self-preference).
 */
export interface JudgePort {
  /** The provider behind a reference; `where` names the spec key in errors. Throws for an unknown id. */
  provider(ref: JudgeRef, where: string): Provider;
  /**
   * A baseline answer for pairwise judging: from a baseline run (`{ run }`, loaded by the
   * executor) or another candidate of this run (`{ candidate }`, available in the second phase).
   * Undefined when there is none for this sample and repeat.
   */
  baselineAnswer?(baseline: { run?: string; candidate?: string }, sampleId: string, repeat: number): string | undefined;
}

/** What a judge's completion meta may carry (set by the executor's judge port). */
export interface JudgeCompletionMeta {
  readonly judge?: string;
  readonly costUsd?: number;
  readonly alsoCandidate?: readonly string[];
}
