import { closest } from 'fastest-levenshtein';
import { scorerRegistry, type ScorerDefinition } from '../scorers/index.ts';

const TIMINGS = ['latency', 'ttft', 'tpot', 'itl'].flatMap((prefix) => ['mean', 'p50', 'p90', 'p95', 'p99'].map((stat) => `${prefix}.${stat}_ms`));
const ALWAYS = ['accuracy', 'errors.rate', 'tokens.input', 'tokens.output', 'throughput.output_tokens_per_s', 'throughput.requests_per_s', ...TIMINGS];
const COST = ['cost.usd', 'cost.per_correct_usd', 'cost.per_1k_samples_usd'];
const GOODPUT = ['goodput.rate', 'goodput.requests_per_s'];
const REPEATS = ['accuracy.repeat_sd', 'accuracy.consistency'];
const REASONING = ['reasoning.rate', 'tokens.reasoning'];
const CALIBRATION = ['ece', 'ece_equal_width', 'mce', 'brier', 'auroc', 'selective_accuracy'].map((name) => `calibration.${name}`);
const ROBUSTNESS = ['robustness.accuracy', 'consistency.rate', 'robustness.accuracy_change'];

/** The parts of a spec that decide which metrics a run can report. */
export interface MetricSources {
  readonly scorers: readonly { readonly type: string; readonly id?: string }[];
  readonly candidates: readonly { readonly price?: unknown }[];
  readonly slo?: unknown;
  readonly execution: { readonly repeats: number; readonly sweep?: unknown };
  /** Per-answer confidence: the `calibration.*` metrics. */
  readonly calibration?: unknown;
  /** Perturbed variants: the `robustness.*` and `consistency.rate` metrics. */
  readonly dataset?: { readonly perturbations?: unknown };
}

/** What a gate's metric name is, checked against what the spec can produce. */
export type MetricCheck = { readonly ok: true } | { readonly ok: false; readonly message: string };

/**
 * The summary metrics a spec can report (summary.json `candidates.*.metrics`), from its scorers
 * (each `score.<id>` and the names its aggregate declares), its candidates' prices (`cost.*`),
 * its `slo` (`goodput.*`) and its repeats (`accuracy.pass@k`, spread, consistency). `open` is
 * true when a scorer aggregates without declaring its names, so unknown names cannot be refused.
 */
export function producibleMetrics(spec: MetricSources): { names: Set<string>; maxPassAtK: number; open: boolean } {
  const names = new Set([...ALWAYS, ...REASONING]);
  let open = false;
  for (const scorer of spec.scorers) {
    names.add(`score.${scorer.id ?? scorer.type}`);
    const definition = (scorerRegistry as Record<string, ScorerDefinition>)[scorer.type];
    if (definition?.aggregate && !definition.metrics) open = true;
    for (const name of definition?.metrics ?? []) names.add(name);
  }
  if (spec.candidates.some((candidate) => candidate.price !== undefined)) for (const name of COST) names.add(name);
  if (spec.slo !== undefined) for (const name of GOODPUT) names.add(name);
  if (spec.calibration !== undefined) for (const name of CALIBRATION) names.add(name);
  if (spec.dataset?.perturbations !== undefined) for (const name of ROBUSTNESS) names.add(name);
  // A sweep multiplies the repeats by its levels, so pass@k may reach further; accept any k then.
  const maxPassAtK = spec.execution.sweep !== undefined ? Infinity : spec.execution.repeats;
  if (maxPassAtK > 1) for (const name of REPEATS) names.add(name);
  return { names, maxPassAtK, open };
}

/**
 * Checks one gate metric name against {@link producibleMetrics}: a name the spec can never
 * produce is refused with a did-you-mean, or with what would make it appear (`cost.usd` needs a
 * candidate `price`). Run before any model is called, so a misspelt gate never costs a run.
 *
 * @example checkGateMetric('latency.p95', spec) // { ok: false, message: 'unknown metric "latency.p95"; did you mean "latency.p95_ms"? ...' }
 */
export function checkGateMetric(metric: string, spec: MetricSources): MetricCheck {
  const { names, maxPassAtK, open } = producibleMetrics(spec);
  if (names.has(metric)) return { ok: true };
  const passAtK = /^accuracy\.pass@(\d+)$/.exec(metric);
  if (passAtK) {
    const k = Number(passAtK[1]);
    return k >= 1 && k <= maxPassAtK ? { ok: true } : { ok: false, message: `"${metric}" needs execution.repeats ≥ ${k} (it is ${spec.execution.repeats})` };
  }
  const condition = conditionOf(metric);
  if (condition) return { ok: false, message: `"${metric}" ${condition}` };
  if (open) return { ok: true };
  const suggestion = closest(metric, [...names]);
  const family = metric.split('.')[0]!;
  const related = [...names].filter((name) => name.split('.')[0] === family).sort();
  const listed = related.length > 0 ? `its ${family}.* metrics: ${related.join(', ')}` : `it can report: ${[...names].sort().join(', ')}`;
  const scoreHint = family === 'score' ? "; score.<id> takes a scorer's id, else its type" : '';
  return { ok: false, message: `unknown metric "${metric}"; did you mean "${suggestion}"? (${listed}${scoreHint})` };
}

/** What a known but absent metric needs. */
function conditionOf(metric: string): string | undefined {
  if (COST.includes(metric)) return 'needs a `price: { inputPerMTokUsd, outputPerMTokUsd }` on a candidate';
  if (GOODPUT.includes(metric)) return 'needs latency objectives: `slo: { ttft_ms, tpot_ms, e2e_ms }`';
  if (REPEATS.includes(metric)) return 'needs execution.repeats ≥ 2';
  if (CALIBRATION.includes(metric)) return 'needs per-answer confidence: `calibration: { confidence: ... }`';
  if (ROBUSTNESS.includes(metric)) return 'needs perturbed variants: `dataset.perturbations`';
  for (const definition of Object.values(scorerRegistry) as ScorerDefinition[]) {
    if (definition.metrics?.includes(metric)) return `needs a scorer of type "${definition.id}"`;
  }
  return undefined;
}
