import { CATEGORY_KIND, type MetricKind } from './metric.ts';

/**
 * summary.json version 1 → 2: every metric gains its `kind`. Version 1 had no kinds, so the kind
 * is inferred from the metric's name (and for text-overlap metrics and judge scores, from what
 * the same writers put beside it), exactly as the version-1 writers chose it; categories take
 * their parent's category kind. Values are never changed. Kept forever.
 */
export function upgradeSummaryFromV1(summary: Record<string, unknown>): Record<string, unknown> {
  const candidates = summary.candidates;
  if (!isObject(candidates)) return summary;
  const upgraded: Record<string, unknown> = {};
  for (const [id, candidate] of Object.entries(candidates)) {
    if (!isObject(candidate)) {
      upgraded[id] = candidate;
      continue;
    }
    const sweep = Array.isArray(candidate.sweep)
      ? { sweep: candidate.sweep.map((point: unknown) => (isObject(point) ? { ...point, metrics: withKinds(point.metrics) } : point)) }
      : {};
    upgraded[id] = { ...candidate, metrics: withKinds(candidate.metrics), ...sweep };
  }
  return { ...summary, candidates: upgraded };
}

/** Names whose kind version 1 implied, first match wins. */
const KIND_BY_NAME: readonly (readonly [RegExp, MetricKind])[] = [
  [/^(latency|ttft|tpot|itl)\.(mean|p50|p90|p95|p99)_ms$|^code\.exec_ms$/, 'distribution'],
  [/^accuracy\.pass@\d+$/, 'pass-at-k'],
  [/^accuracy\.repeat_sd$/, 'repeat-spread'],
  [/^tokens\./, 'tokens'],
  [/^throughput\.|^goodput\.requests_per_s$/, 'throughput'],
  [/^goodput\.rate$/, 'goodput'],
  [/^cost\.|^judge\..+\.calls$/, 'cost'],
  [/^code\.failures\.|^judge\..+\.(errors|self_preference)$/, 'count'],
  [/^robustness\.accuracy_change$/, 'paired-difference'],
  [/^robustness\.accuracy$/, 'robustness'],
  [/^fairness\./, 'fairness'],
  [/^privacy\./, 'privacy'],
  [/^(bias|accuracy)\.bbq\./, 'bbq'],
  [/^calibration\./, 'calibration'],
  [/^reasoning\.rate$/, 'reasoning'],
  [/^judge\..+\.(alpha|alpha_nominal|alpha_interval|kappa|human_kappa|human_spearman|human_kendall_tau_b)$/, 'agreement'],
  [/^judge\..+\.bt_strength$/, 'ranking'],
  [/^judge\..+\.unscored$/, 'judge'],
];

/** The kind a version-1 metric was written as; `metrics` is its candidate's (or sweep level's) metrics. */
function inferKind(name: string, metric: Record<string, unknown>, metrics: Record<string, unknown>): MetricKind {
  // ROUGE and corpus metrics are named after the scorer id, but always carry their signature.
  if ('signature' in metric) return 'text-overlap';
  // A judge scorer always writes `judge.<id>.unscored` beside its `score.<id>`.
  if (name.startsWith('score.') && `judge.${name.slice('score.'.length)}.unscored` in metrics) return 'judge';
  return KIND_BY_NAME.find(([pattern]) => pattern.test(name))?.[1] ?? 'proportion';
}

function withKinds(metrics: unknown): unknown {
  if (!isObject(metrics)) return metrics;
  const out: Record<string, unknown> = {};
  for (const [name, metric] of Object.entries(metrics)) {
    if (!isObject(metric)) {
      out[name] = metric;
      continue;
    }
    const kind = inferKind(name, metric, metrics);
    const categoryKind = CATEGORY_KIND[kind] ?? kind;
    const byCategory = isObject(metric.byCategory)
      ? { byCategory: Object.fromEntries(Object.entries(metric.byCategory).map(([category, value]) => [category, isObject(value) ? { kind: categoryKind, ...value } : value])) }
      : {};
    out[name] = { kind, ...metric, ...byCategory };
  }
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
