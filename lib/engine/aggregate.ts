import type { BaselineInput } from '../gate/index.ts';
import { type CandidateSummary, type Manifest, type Metric, type ResultRecord, type Summary, type SummaryLoad, SUMMARY_SCHEMA_VERSION } from '../results/index.ts';
import { getScorerDefinition, type ScoredRecord, type ScorerDefinition } from '../scorers/index.ts';
import type { GateSpec } from '../spec/index.ts';
import { CandidateMetricsAccumulator } from './candidate-metrics.ts';
import { CalibrationAccumulator } from './calibration-metrics.ts';
import { RobustnessAccumulator } from './robustness-metrics.ts';
import { ReasoningAccumulator } from './reasoning-metrics.ts';
import { ErrorCauseTally } from './error-causes.ts';
import { analyseRelease } from './release-analysis.ts';
import { sampleLevelMetrics } from './sample-level-metrics.ts';
import { PlanCoverage } from './plan-coverage.ts';
import { RunDigest } from './run-digest.ts';
import { VerdictError } from '../errors/index.ts';
import { createSampleOutcomes, primaryPassAtK } from './sample-outcomes.ts';
import { compareSampleKeys, sampleOrderOf } from './sample-order.ts';
import { loadMetricsOptions } from './load-metrics.ts';
import { describeLoad, type LoadPattern } from './load-pattern.ts';
import { runDescriptionOf } from './run-description.ts';

interface ScorerHook {
  readonly id: string;
  readonly definition: ScorerDefinition;
  readonly params: Record<string, unknown>;
}

/** Options of {@link aggregateRecords}. */
export interface AggregateOptions {
  readonly gates?: readonly GateSpec[];
  readonly finishedAt?: string;
  readonly baseline?: BaselineInput;
  /**
   * Sealing (and re-checking a seal): count each planned item once — a second record of an item
   * is left out — and throw RUN_INCOMPLETE when the records do not cover the plan exactly.
   */
  readonly exactPlan?: boolean;
}

/**
 * Aggregates a run's records into summary.json: per candidate the standard metrics with n and
 * 95% intervals, each scorer's own aggregate metrics (e.g. BBQ bias), then the gates and the
 * verdict. Everything it needs comes from the manifest, so the local executor, the Lambda
 * aggregator and `verdict gate` produce the same summary from the same records.
 */
export async function aggregateRecords(
  records: AsyncIterable<ResultRecord> | Iterable<ResultRecord>,
  manifest: Manifest,
  options: AggregateOptions = {},
): Promise<Summary> {
  const run = runDescriptionOf(manifest);
  const scorerIds = manifest.scorers.map((scorer) => scorer.id);
  const hooks = scorerHooks(manifest);
  const accumulators = new Map<string, CandidateMetricsAccumulator>();
  const scored = new Map<string, Map<string, ScoredRecord[]>>();
  const order = sampleOrderOf(manifest);
  const outcomes = createSampleOutcomes(manifest, order);
  const calibrationSpec = run.calibration;
  const reasoning = new Map(manifest.candidates.map((candidate) => [candidate.id, new ReasoningAccumulator()]));
  const robustness = new Map(manifest.candidates.map((candidate) => [candidate.id, new RobustnessAccumulator(scorerIds[0]!)]));
  const calibration = new Map(calibrationSpec ? manifest.candidates.map((candidate) => [candidate.id, new CalibrationAccumulator(calibrationSpec, scorerIds[0]!, order)]) : []);
  const errorCauses = new Map(manifest.candidates.map((candidate) => [candidate.id, new ErrorCauseTally()]));
  for (const candidate of run.candidates) {
    const load = loadMetricsOptions(run, candidate);
    accumulators.set(candidate.id, new CandidateMetricsAccumulator(scorerIds[0]!, scorerIds, load));
    scored.set(candidate.id, new Map(hooks.map((hook) => [hook.id, []])));
  }
  const digest = new RunDigest(manifest);
  let firstStartedAt: string | undefined;
  const coverage = options.exactPlan ? new PlanCoverage(manifest, order) : null;
  for await (const record of records) {
    digest.add(record);
    if (coverage && !coverage.admit(record)) continue;
    const accumulator = accumulators.get(record.candidate);
    if (!accumulator) continue;
    accumulator.add(record);
    errorCauses.get(record.candidate)!.add(record);
    outcomes.get(record.candidate)!.add(record);
    calibration.get(record.candidate)?.add(record);
    robustness.get(record.candidate)!.add(record);
    reasoning.get(record.candidate)!.add(record);
    if (firstStartedAt === undefined || record.startedAt < firstStartedAt) firstStartedAt = record.startedAt;
    if (record.error) continue;
    for (const hook of hooks) {
      const score = record.scores[hook.id];
      if (score) scored.get(record.candidate)!.get(hook.id)!.push({ record: slim(record), score });
    }
  }
  const problems = coverage?.problems() ?? [];
  if (problems.length > 0) {
    throw new VerdictError('RUN_INCOMPLETE', `run "${manifest.runId}": the records do not match the plan, so it is not sealed:\n  - ${problems.join('\n  - ')}`, {
      context: { problems },
    });
  }
  // Scorer aggregates resample these lists: take them in sample order, not arrival order.
  for (const lists of scored.values()) for (const list of lists.values()) list.sort((a, b) => compareSampleKeys(order, a.record, b.record));
  const seed = run.execution.seed;
  const candidates: Record<string, CandidateSummary> = {};
  for (const candidate of manifest.candidates) {
    const accumulator = accumulators.get(candidate.id)!;
    const metrics: Record<string, Metric> = {
      ...accumulator.metrics(outcomes.get(candidate.id)!),
      ...sampleLevelMetrics(outcomes.get(candidate.id)!, { passAtK: primaryPassAtK(manifest) }),
      ...calibration.get(candidate.id)?.metrics(seed),
      ...robustness.get(candidate.id)!.metrics(),
      ...reasoning.get(candidate.id)!.metrics(),
    };
    for (const hook of hooks) {
      Object.assign(metrics, hook.definition.aggregate!(scored.get(candidate.id)!.get(hook.id)!, { id: hook.id, seed, params: hook.params }));
    }
    candidates[candidate.id] = {
      n: accumulator.n,
      errors: accumulator.errors,
      kind: (candidate.kind as CandidateSummary['kind']) ?? 'model',
      metrics,
    };
    const causes = errorCauses.get(candidate.id)!.causes();
    if (causes) candidates[candidate.id]!.errorCauses = causes;
    const sweep = accumulator.sweep();
    if (sweep) candidates[candidate.id]!.sweep = sweep;
  }
  for (const hook of hooks) {
    if (!hook.definition.aggregateAcross) continue;
    const byCandidate = new Map(manifest.candidates.map((candidate) => [candidate.id, scored.get(candidate.id)!.get(hook.id)!]));
    for (const [candidate, metrics] of Object.entries(hook.definition.aggregateAcross(byCandidate, { id: hook.id, seed }))) {
      if (candidates[candidate]) Object.assign(candidates[candidate]!.metrics, metrics);
    }
  }
  const { gates, comparisons } = analyseRelease(run, candidates, outcomes, { ...options, seed });
  return {
    schemaVersion: SUMMARY_SCHEMA_VERSION,
    runId: manifest.runId,
    spec: { name: manifest.spec.name, sha256: manifest.spec.sha256 },
    dataset: { sha256: manifest.dataset.sha256, count: manifest.dataset.count },
    candidates,
    gates,
    ...(comparisons.length > 0 && { comparisons }),
    passed: gates.every((gate) => gate.pass),
    ...loadOf(run.load),
    ...(manifest.sandbox !== undefined && { sandbox: manifest.sandbox }),
    ...(firstStartedAt !== undefined && { startedAt: firstStartedAt }),
    ...(options.finishedAt !== undefined && { finishedAt: options.finishedAt }),
    integrity: digest.result(),
  };
}

function scorerHooks(manifest: Manifest): ScorerHook[] {
  return manifest.scorers
    .map((scorer) => ({ id: scorer.id, definition: getScorerDefinition(scorer.type) as ScorerDefinition, params: ((scorer as { params?: Record<string, unknown> }).params ?? {}) }))
    .filter((hook) => hook.definition.aggregate !== undefined);
}

/** Drops the bulky fields a scorer's aggregate never needs, to keep memory flat on large runs. */
function slim(record: ResultRecord): ResultRecord {
  return { ...record, prompt: [], output: null, chunkTimesMs: undefined, reasoning: undefined };
}

/** `load` (mode, warm-up, sweep levels) when the run did more than a plain closed loop. */
function loadOf(pattern: LoadPattern): { load?: SummaryLoad } {
  const load = describeLoad(pattern);
  return load ? { load } : {};
}
