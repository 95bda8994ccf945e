import type { Metric, MetricOf } from '../../results/index.ts';
import type { ScoredRecord } from '../types.ts';
import { agreementMetrics, humanAgreementMetrics } from './judge-agreement.ts';
import { meanOf, rate, rateOf, type JudgedItem } from './judge-rates.ts';
import { rankCandidates } from './judge-ranking.ts';
import type { JudgeCallRecord } from './judge-call.ts';

/**
 * A judge scorer's summary metrics for one candidate. `score.<id>` is replaced by the mean over
 * *scored* items only (an unscored item is counted in `judge.<id>.unscored`, never as a fail),
 * with the raw mean on the rubric's own scale beside it. Pairwise adds win/tie/loss rates and
 * the position-consistency rate; panels add inter-judge agreement; human labels add judge–human
 * agreement; every judged record's calls add `cost.judge_usd`.
 */
export function aggregateJudge(items: readonly ScoredRecord[], options: { id: string; seed: number }): Record<string, Metric> {
  const { id, seed } = options;
  const judged = judgedItems(items);
  const scored = judged.filter((item) => item.detail.unscored !== true);
  const metrics: Record<string, Metric> = {
    [`score.${id}`]: { ...meanOf(scored.map((item) => item.value)), kind: 'judge', ...rawMean(scored) },
    [`judge.${id}.unscored`]: { ...rate(judged.length - scored.length, judged.length), kind: 'judge', count: judged.length - scored.length },
    [`judge.${id}.errors`]: { kind: 'count', value: judged.filter((item) => item.detail.error !== undefined).length, n: judged.length },
  };
  const selfJudged = judged.filter((item) => item.detail.selfPreference === true).length;
  if (selfJudged > 0) metrics[`judge.${id}.self_preference`] = { kind: 'count', value: selfJudged, n: judged.length, note: 'the judge is also this candidate' };
  Object.assign(metrics, stabilityMetrics(id, scored), pairwiseMetrics(id, scored), humanAgreementMetrics(id, scored, seed));
  Object.assign(metrics, costMetrics(id, items, judged));
  return metrics;
}

/** The judged (non-baseline) items of a scorer. */
function judgedItems(items: readonly ScoredRecord[]): JudgedItem[] {
  return items
    .filter(({ score }) => score.detail?.isBaseline !== true)
    .map(({ record, score }) => ({ sampleId: record.sampleId, ...(record.category !== undefined && { category: record.category }), value: score.value, pass: score.pass, detail: score.detail ?? {} }));
}

/**
 * Metrics over every candidate's judgements at once, reported on each candidate: a panel's
 * inter-judge agreement pooled over all judged answers of the run (agreement within one
 * candidate's answers alone suffers from range restriction: a strong model's answers are all
 * graded 4–5, so chance-corrected agreement collapses), and Bradley–Terry strengths.
 */
export function aggregateJudgeAcross(byCandidate: ReadonlyMap<string, readonly ScoredRecord[]>, options: { id: string; seed: number }): Record<string, Record<string, Metric>> {
  const pooled = [...byCandidate.values()].flatMap((items) => judgedItems(items).filter((item) => item.detail.unscored !== true));
  const agreement = agreementMetrics(options.id, pooled, options.seed);
  const ranks = rankCandidates(byCandidate, options);
  const out: Record<string, Record<string, Metric>> = {};
  for (const candidate of byCandidate.keys()) {
    const own = ranks[candidate] ?? {};
    if (Object.keys(agreement).length + Object.keys(own).length > 0) out[candidate] = { ...agreement, ...own };
  }
  for (const [player, metrics] of Object.entries(ranks)) out[player] ??= metrics;
  return out;
}

function stabilityMetrics(id: string, scored: readonly JudgedItem[]): Record<string, Metric> {
  const sampled = scored.filter((item) => typeof item.detail.spread === 'number' && calls(item).filter((call) => call.grade !== undefined).length > 1);
  if (sampled.length === 0) return {};
  const spreads = sampled.map((item) => item.detail.spread as number);
  return {
    [`judge.${id}.stability`]: { ...meanOf(spreads), note: 'mean per-item standard deviation of the normalised grade across samples (0 = always the same)' },
    [`judge.${id}.stable_rate`]: rate(sampled.filter((item) => item.detail.stable === true).length, sampled.length),
  };
}

function pairwiseMetrics(id: string, scored: readonly JudgedItem[]): Record<string, Metric> {
  const pairs = scored.filter((item) => item.detail.kind === 'pairwise' || (item.detail.kind === 'panel' && item.detail.task === 'pairwise'));
  if (pairs.length === 0) return {};
  const metrics: Record<string, Metric> = {
    [`judge.${id}.win_rate`]: rateOf(pairs, (item) => item.detail.outcome === 'win'),
    [`judge.${id}.tie_rate`]: rateOf(pairs, (item) => item.detail.outcome === 'tie'),
    [`judge.${id}.loss_rate`]: rateOf(pairs, (item) => item.detail.outcome === 'loss'),
  };
  const single = pairs.filter((item) => typeof item.detail.consistent === 'boolean');
  if (single.length > 0) metrics[`judge.${id}.position_consistency`] = rateOf(single, (item) => item.detail.consistent === true);
  // A panel: each judge's own consistency.
  const byJudge = new Map<string, { consistent: number; n: number }>();
  for (const item of pairs) {
    const consistent = item.detail.consistent;
    if (item.detail.kind !== 'panel' || typeof consistent !== 'object' || consistent === null) continue;
    for (const [judge, value] of Object.entries(consistent as Record<string, boolean | null>)) {
      if (value === null) continue;
      const entry = byJudge.get(judge) ?? { consistent: 0, n: 0 };
      entry.n++;
      if (value) entry.consistent++;
      byJudge.set(judge, entry);
    }
  }
  for (const [judge, entry] of byJudge) metrics[`judge.${id}.${judge}.position_consistency`] = rate(entry.consistent, entry.n);
  return metrics;
}

/**
 * This scorer's calls and tokens as `judge.<id>.calls`, and `cost.judge_usd` over the calls of
 * EVERY judge score on the candidate's records (each judge scorer computes the same total from
 * the records' scores, so the figure does not depend on which scorer's metrics are merged last).
 */
function costMetrics(id: string, items: readonly ScoredRecord[], judged: readonly JudgedItem[]): Record<string, Metric> {
  let inputTokens = 0;
  let outputTokens = 0;
  let callCount = 0;
  for (const item of judged) {
    for (const call of calls(item)) {
      callCount++;
      inputTokens += call.usage?.inputTokens ?? 0;
      outputTokens += call.usage?.outputTokens ?? 0;
    }
  }
  if (callCount === 0) return {};
  const metrics: Record<string, Metric> = { [`judge.${id}.calls`]: { kind: 'cost', value: callCount, n: judged.length, inputTokens, outputTokens } };
  let usd = 0;
  let priced = 0;
  let unpriced = 0;
  for (const { record } of items) {
    for (const score of Object.values(record.scores)) {
      const recorded = score.detail?.calls;
      if (!Array.isArray(recorded)) continue;
      for (const call of recorded as JudgeCallRecord[]) {
        if (typeof call.costUsd === 'number') {
          usd += call.costUsd;
          priced++;
        } else unpriced++;
      }
    }
  }
  if (priced > 0) metrics['cost.judge_usd'] = { kind: 'cost', value: usd, n: priced, uncounted: unpriced };
  return metrics;
}

/** The calls a judged item records. */
export function calls(item: JudgedItem): readonly JudgeCallRecord[] {
  return (item.detail.calls as JudgeCallRecord[] | undefined) ?? [];
}

function rawMean(scored: readonly JudgedItem[]): Pick<MetricOf<'judge'>, 'raw' | 'rawN'> {
  const grades = scored.flatMap((item) => (typeof item.detail.grade === 'number' ? [item.detail.grade] : []));
  if (grades.length === 0) return {};
  return { raw: grades.reduce((sum, grade) => sum + grade, 0) / grades.length, rawN: grades.length };
}
