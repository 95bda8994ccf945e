import type { SampleOutcomeView } from './sample-outcome-view.ts';
import type { BaselineGateResult } from '../results/index.ts';
import { isLatencyBaselineGate, type BaselineGate, type DropGate } from '../spec/index.ts';
import { corpusMarginTest, countDiscordantPairs, pairedMarginTest, type PairedMarginTestResult } from '../stats/index.ts';
import { formatP } from './format-p.ts';
import { checkLatencyCandidate } from './latency-baseline-gate.ts';

/** The baseline run's per-sample outcomes, resolved and read by the caller (see `BaselineSource`). */
export interface BaselineRun {
  readonly runId: string;
  /** Where it was read from, for messages: a folder or an `s3://` URI. */
  readonly location: string;
  /** How it was chosen, when by a `latest` reference (`latest`, `latest-passing`, `latest-sealed`). */
  readonly chosenBy?: string;
  readonly outcomes: ReadonlyMap<string, SampleOutcomeView>;
}

/**
 * What the gates compare against: a baseline run, or why there is none. `skip` (e.g. `latest`
 * with no earlier run — the first run of a new eval) passes the gate and says so; `missing`
 * (no baseline configured at all) fails it.
 */
export type BaselineInput = BaselineRun | { readonly skip: string } | { readonly missing: string };

/** This run's per-sample outcomes and which candidates are controls. */
export interface CurrentRun {
  readonly outcomes: ReadonlyMap<string, SampleOutcomeView>;
  readonly controls: ReadonlySet<string>;
}

/**
 * Evaluates one baseline gate `{ metric, maxDrop, alpha }`: for each candidate (by default every
 * non-control candidate the baseline also has, matched by id or `baselineCandidate`), the drop
 * baseline − candidate on the samples both runs share (matched by sample id) is tested with the
 * one-sided paired margin test (`pairedMarginTest`; on pass/fail data exactly `nonInferiorityTest`,
 * Nam 1997): the gate fails only when the drop is larger than `maxDrop` AND significant at `alpha`.
 * A large but noisy drop passes; the reason says so in words.
 */
export function evaluateBaselineGate(gate: BaselineGate, current: CurrentRun, baseline: BaselineInput): BaselineGateResult[] {
  const latency = isLatencyBaselineGate(gate);
  const head = (candidate: string) => ({
    candidate,
    metric: gate.metric,
    op: latency ? ('maxIncrease' as const) : ('maxDrop' as const),
    threshold: latency ? gate.maxIncrease : gate.maxDrop,
    kind: 'baseline' as const,
    alpha: gate.alpha,
  });
  if ('skip' in baseline) return [{ ...head(gate.candidate ?? '*'), value: null, pass: true, skipped: true as const, reason: `skipped: ${baseline.skip}` }];
  if ('missing' in baseline) return [{ ...head(gate.candidate ?? '*'), value: null, pass: false, reason: baseline.missing }];
  const targets = gate.candidate
    ? [gate.candidate]
    : [...current.outcomes.keys()].filter((id) => !current.controls.has(id) && baseline.outcomes.has(gate.baselineCandidate ?? id));
  if (targets.length === 0) {
    const known = [...baseline.outcomes.keys()].join(', ');
    return [{ ...head('*'), value: null, pass: false, reason: `no candidate of this run is in baseline run "${baseline.runId}" (it has: ${known}); set the gate's candidate and baselineCandidate` }];
  }
  return targets.map((candidate) => {
    if (!latency) return { ...head(candidate), ...checkCandidate(gate, candidate, current, baseline) };
    const baselineId = gate.baselineCandidate ?? candidate;
    const against = { runId: baseline.runId, candidate: baselineId, ...(baseline.chosenBy !== undefined && { chosenBy: baseline.chosenBy }) };
    return { ...head(candidate), ...checkLatencyCandidate(gate, current.outcomes.get(candidate), baseline.outcomes.get(baselineId), against, candidate) };
  });
}

type GateOutcome = { value: number | null; pass: boolean; reason: string } & Record<string, unknown>;

function checkCandidate(gate: DropGate, candidate: string, current: CurrentRun, baseline: BaselineRun): GateOutcome {
  const baselineId = gate.baselineCandidate ?? candidate;
  const corpus = checkCorpusCandidate(gate, current.outcomes.get(candidate), baseline.outcomes.get(baselineId), { runId: baseline.runId, candidate: baselineId });
  if (corpus) return corpus;
  const mine = current.outcomes.get(candidate)?.means(gate.metric);
  const theirs = baseline.outcomes.get(baselineId)?.means(gate.metric);
  const against = { runId: baseline.runId, candidate: baselineId, ...(baseline.chosenBy !== undefined && { chosenBy: baseline.chosenBy }) };
  if (!mine) return { value: null, pass: false, baseline: against, reason: `candidate "${candidate}" has no per-sample "${gate.metric}" in this run` };
  if (!theirs) return { value: null, pass: false, baseline: against, reason: `baseline run "${baseline.runId}" has no per-sample "${gate.metric}" for candidate "${baselineId}"` };
  const ids = [...mine.keys()].filter((id) => theirs.has(id));
  if (ids.length === 0) return { value: null, pass: false, baseline: against, reason: `no sample ids in common with baseline run "${baseline.runId}"; compare runs of the same dataset` };
  const a = ids.map((id) => theirs.get(id)!);
  const b = ids.map((id) => mine.get(id)!);
  const test = marginTest(a, b, ids, gate, current.outcomes.get(candidate)!, baseline.outcomes.get(baselineId)!);
  const pass = !test.inferior;
  const binary = [...a, ...b].every((value) => value === 0 || value === 1);
  return {
    value: test.drop,
    pass,
    baseline: against,
    n: test.n,
    baselineValue: average(a),
    candidateValue: average(b),
    pValue: test.pValue,
    se: test.se,
    test: test.clusterCount === null ? 'paired-margin-z' : 'paired-margin-z-clustered',
    ...(binary && { counts: countDiscordantPairs(a, b) }),
    reason: explain(gate, test, pass),
  };
}

/** Resamples behind a corpus-metric baseline gate (the paired bootstrap of sacreBLEU `--paired-bs`). */
const CORPUS_GATE_RESAMPLES = 1000;

/**
 * A baseline gate on a corpus metric (BLEU, chrF, TER): the drop of the corpus score on the
 * shared samples, tested one-sided against `maxDrop` by paired bootstrap of the sufficient
 * statistics ({@link corpusMarginTest}); undefined when the metric is not a corpus metric here.
 */
function checkCorpusCandidate(gate: DropGate, mine: SampleOutcomeView | undefined, theirs: SampleOutcomeView | undefined, against: { runId: string; candidate: string }): GateOutcome | undefined {
  const current = mine?.corpus?.(gate.metric);
  if (!current) return undefined;
  const previous = theirs?.corpus?.(gate.metric);
  if (!previous) return { value: null, pass: false, baseline: against, reason: `baseline run "${against.runId}" has no corpus "${gate.metric}" for candidate "${against.candidate}"` };
  const ids = [...current.stats.keys()].filter((id) => previous.stats.has(id));
  if (ids.length === 0) return { value: null, pass: false, baseline: against, reason: `no sample ids in common with baseline run "${against.runId}"; compare runs of the same dataset` };
  const test = corpusMarginTest({
    a: ids.map((id) => previous.stats.get(id)!),
    b: ids.map((id) => current.stats.get(id)!),
    score: (summed) => current.statistic.score(summed),
    margin: gate.maxDrop,
    higherIsBetter: current.statistic.higherIsBetter,
    seed: 0,
    resamples: CORPUS_GATE_RESAMPLES,
  });
  const pass = !(test.drop > gate.maxDrop && test.pValue < gate.alpha);
  const rule = `fails only when the corpus ${gate.metric} drop is larger than ${gate.maxDrop} and significant at α = ${gate.alpha} (one-sided paired bootstrap of the sufficient statistics, ${test.resamples} resamples, n = ${test.n} matched samples)`;
  const drop = test.drop <= 0 ? `no drop (${formatSigned(-test.drop)})` : `drop ${format(test.drop)}`;
  return {
    value: test.drop,
    pass,
    baseline: against,
    n: test.n,
    pValue: test.pValue,
    dropCi95: [test.lo, test.hi],
    test: 'paired-bootstrap-corpus',
    resamples: test.resamples,
    reason: `${rule}; ${drop}, p = ${formatP(test.pValue)} → ${pass ? 'pass' : 'FAIL'}`,
  };
}

/** The margin test, cluster-robust when the samples carry clusters (falls back when < 2 clusters). */
function marginTest(a: number[], b: number[], ids: string[], gate: DropGate, mine: SampleOutcomeView, theirs: SampleOutcomeView): PairedMarginTestResult {
  const clusterOf = (id: string) => mine.clusterOf(id) ?? theirs.clusterOf(id);
  const clustered = ids.some((id) => clusterOf(id) !== undefined);
  const options = { a, b, margin: gate.maxDrop, alpha: gate.alpha };
  if (clustered) {
    const test = pairedMarginTest({ ...options, clusters: ids.map((id) => clusterOf(id) ?? `sample:${id}`) });
    if (test.se !== null) return test;
  }
  return pairedMarginTest(options);
}

/** "fails only when the drop is larger than 0.02 and significant at α = 0.05 (...); drop 0.031, p = 0.21 → pass". */
function explain(gate: DropGate, test: PairedMarginTestResult, pass: boolean): string {
  const rule = `fails only when the ${gate.metric} drop is larger than ${gate.maxDrop} and significant at α = ${gate.alpha} (one-sided paired test, n = ${test.n} matched samples)`;
  const drop = test.drop <= 0 ? `no drop (${formatSigned(-test.drop)})` : `drop ${format(test.drop)}`;
  const p = test.pValue === null ? 'p n/a' : `p = ${formatP(test.pValue)}`;
  return `${rule}; ${drop}, ${p} → ${pass ? 'pass' : 'FAIL'}`;
}

function average(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0) / values.length;
}

function format(value: number): string {
  return Number(value.toFixed(4)).toString();
}

function formatSigned(value: number): string {
  return `${value >= 0 ? '+' : ''}${format(value)}`;
}
