import type { JudgeDescription, LoadLevel, LoadPattern, Manifest, RunCacheSettings, RunExecution, StoredRunDescription } from '../results/index.ts';
import { ExecutionSpecSchema, type CandidateSpec, type ComparePair, type EvalSpec, type GateSpec, type CalibrationSpec } from '../spec/index.ts';
import type { LatencySlo } from './latency-metrics.ts';
import { planRun, type Plan } from './plan.ts';

/** Command-line flags that change how a run executes; the manifest records them (`run.execution.overrides`). */
export interface RunOverrides {
  /** `--concurrency`: overrides `execution.concurrency`. */
  readonly concurrency?: number;
  /** `--concurrency` with `--cloud` (shards in flight): overrides `execution.workers`. */
  readonly workers?: number;
  /** `--max-cost`: overrides `execution.maxCostUsd`. */
  readonly maxCostUsd?: number;
  /** `--no-cache`: false turns the response cache off. */
  readonly cache?: false;
  /** `--cache-dir`: overrides `cache.dir` (relative to the working directory). */
  readonly cacheDir?: string;
}

/** A candidate as the manifest records it: id, provider, kind and the provider's parsed params (as `describe` leaves them: no secret). */
export interface DescribedCandidate {
  readonly [key: string]: unknown;
  readonly id: string;
  readonly provider: string;
  readonly kind: 'model' | 'replay' | 'control';
  readonly concurrency?: number;
  readonly price?: CandidateSpec['price'];
  readonly rateLimit?: CandidateSpec['rateLimit'];
  readonly params: Record<string, unknown>;
}

/** A scorer as the manifest records it: its id, type and parsed params. */
export interface DescribedScorer {
  readonly id: string;
  readonly type: string;
  readonly params: Record<string, unknown>;
}

/** A judge of the run's `judge` scorers as the manifest records it (see `JudgeDescriptionSchema`). */
export type DescribedJudge = JudgeDescription;

/**
 * The run description: every fact about how a run is carried out, computed once (`describeRun`)
 * from the spec and the command line, recorded in the manifest, and read by every later stage
 * through {@link runDescriptionOf} — so the local executor, the workers, aggregation, `gate`,
 * `compare` and the report agree, and a result set says how it was really run.
 */
export interface RunDescription {
  /** The effective execution settings, overrides applied (and listed in `overrides`). */
  readonly execution: RunExecution;
  /** Load levels in run order, warm-up, what a sweep varies. */
  readonly load: LoadPattern;
  /** The effective response cache settings; absent in manifests written before they were recorded. */
  readonly cache?: RunCacheSettings;
  readonly gates: readonly GateSpec[];
  /** Candidate pairs of `comparisons[]`; every pair but control vs control when absent. */
  readonly comparisons?: readonly ComparePair[];
  /** The baseline reference of baseline gates as the spec gives it (`--baseline` is the caller's). */
  readonly baseline?: string;
  readonly slo?: LatencySlo;
  readonly calibration?: CalibrationSpec;
  readonly candidates: readonly DescribedCandidate[];
  readonly scorers: readonly DescribedScorer[];
  /** The judges the `judge` scorers call (empty when none does). */
  readonly judges: readonly DescribedJudge[];
  readonly plan: Plan;
}

/** The parts of a spec a run description is made from. */
export type RunSpec = Pick<EvalSpec, 'execution' | 'gates' | 'compare' | 'baseline' | 'slo' | 'calibration' | 'cache'>;

/**
 * Describes a run: the execution settings with the overrides applied, the load pattern, and the
 * plan (a sweep runs it once per level, so the planner multiplies `repeats` by the levels: level
 * k owns repeats [k·R, (k+1)·R), item ids stay unique and resume works per item).
 */
export function describeRun(
  spec: RunSpec,
  overrides: RunOverrides,
  parts: {
    readonly sampleIds: readonly string[];
    readonly candidates: readonly DescribedCandidate[];
    readonly scorers: readonly DescribedScorer[];
    readonly judges?: readonly DescribedJudge[];
  },
): RunDescription {
  const settings = describeSettings(spec, overrides);
  const plan = planRun({
    sampleIds: parts.sampleIds,
    candidates: parts.candidates.map((candidate) => candidate.id),
    repeats: settings.load.repeatsPerLevel * settings.load.levels.length,
    repeatsPerLevel: settings.load.repeatsPerLevel,
    shardSize: settings.execution.shardSize,
  });
  return { ...typed(settings), candidates: parts.candidates, scorers: parts.scorers, judges: parts.judges ?? [], plan };
}

/** The run re-planned in shards of `shardSize` (a cloud run sizes its shards to Lambda's time limit). */
export function withShardSize(run: RunDescription, shardSize: number): RunDescription {
  const plan = planRun({ ...run.plan, shardSize });
  return { ...run, execution: { ...run.execution, shardSize: plan.shardSize }, plan };
}

/** What `manifest.run` stores: the description without the candidates, scorers and plan the manifest holds already. */
export function storedRunDescription(run: RunDescription): StoredRunDescription {
  const { candidates: _candidates, scorers: _scorers, plan: _plan, judges, ...stored } = run;
  return { ...(stored as unknown as StoredRunDescription), ...(judges.length > 0 && { judges: [...judges] }) };
}

/**
 * The run description of a manifest: the one way every stage reads how a run was carried out.
 * A manifest written before `run` existed is described here, once, from its recorded spec
 * (`spec.resolved`) with no overrides — those runs did not record `--concurrency`, so their
 * closed-loop level shows the spec's concurrency.
 */
export function runDescriptionOf(manifest: Manifest): RunDescription {
  const stored = manifest.run ?? describeSettings(legacySpec(manifest), {});
  const repeatsPerLevel = stored.load.repeatsPerLevel;
  const plan: Plan = {
    sampleIds: manifest.dataset.sampleIds,
    candidates: manifest.candidates.map((candidate) => candidate.id),
    repeats: manifest.plan.repeats,
    repeatsPerLevel,
    items: manifest.plan.items,
    shardSize: manifest.plan.shardSize,
    shards: manifest.plan.shards,
  };
  return {
    ...typed(stored),
    candidates: manifest.candidates.map(describedCandidate),
    scorers: manifest.scorers.map((scorer) => ({ id: scorer.id, type: scorer.type, params: (scorer.params as Record<string, unknown> | undefined) ?? {} })),
    // Manifests written before judges were recorded have none: their judge scorers cannot be resumed.
    judges: stored.judges ?? [],
    plan,
  };
}

/** Rebuilds the plan a manifest describes (candidates in manifest order). */
export function planFromManifest(manifest: Manifest): Plan {
  return runDescriptionOf(manifest).plan;
}

/** The spec a pre-`run` manifest recorded, with the execution defaults filled in (fixtures may record only part of it). */
function legacySpec(manifest: Manifest): RunSpec {
  const resolved = manifest.spec.resolved as Partial<RunSpec>;
  const execution = { ...ExecutionSpecSchema.parse({}), ...resolved.execution };
  return { ...resolved, execution, gates: resolved.gates ?? [] } as RunSpec;
}

function describeSettings(spec: RunSpec, overrides: RunOverrides): StoredRunDescription {
  const { execution } = spec;
  const concurrency = overrides.concurrency ?? execution.concurrency;
  const maxCostUsd = overrides.maxCostUsd ?? execution.maxCostUsd;
  const workers = overrides.workers ?? execution.workers;
  return {
    execution: {
      concurrency,
      timeoutMs: execution.timeoutMs,
      retries: execution.retries,
      repeats: execution.repeats,
      ...(execution.shardSize !== undefined && { shardSize: execution.shardSize }),
      seed: execution.seed,
      ...(maxCostUsd !== undefined && { maxCostUsd }),
      ...(execution.maxTokens !== undefined && { maxTokens: execution.maxTokens }),
      ...(workers !== undefined && { workers }),
      overrides: {
        ...(overrides.concurrency !== undefined && { concurrency: overrides.concurrency }),
        ...(overrides.maxCostUsd !== undefined && { maxCostUsd: overrides.maxCostUsd }),
        ...(overrides.workers !== undefined && { workers: overrides.workers }),
      },
    },
    load: loadPatternOf(execution, concurrency),
    cache: cacheSettingsOf(spec.cache, overrides),
    gates: spec.gates as StoredRunDescription['gates'],
    ...(spec.compare !== undefined && { comparisons: spec.compare }),
    ...(spec.baseline !== undefined && { baseline: spec.baseline }),
    ...(spec.slo !== undefined && { slo: spec.slo as Record<string, number> }),
    ...(spec.calibration !== undefined && { calibration: spec.calibration }),
  };
}

/** `cache:` as `true`/`false`/object (absent: `auto`), with `--no-cache` and `--cache-dir` applied. */
function cacheSettingsOf(cache: EvalSpec['cache'], overrides: RunOverrides): RunCacheSettings {
  const specMode = typeof cache === 'boolean' ? (cache ? 'on' : 'off') : (cache?.mode ?? 'auto');
  const dir = overrides.cacheDir ?? (typeof cache === 'object' ? cache.dir : undefined);
  return {
    mode: overrides.cache === false ? 'off' : specMode,
    ...(dir !== undefined && { dir }),
    overrides: { ...(overrides.cache === false && { enabled: false as const }), ...(overrides.cacheDir !== undefined && { dir: overrides.cacheDir }) },
  };
}

/**
 * The load pattern an `execution` block asks for: a closed loop (a fixed number of requests in
 * flight, the default), an open loop (`rate`: Poisson arrivals whatever is in flight), or a
 * sweep over either, run one level after another.
 */
function loadPatternOf(execution: EvalSpec['execution'], concurrency: number): LoadPattern {
  const base = { warmup: execution.warmup ?? 0, repeatsPerLevel: execution.repeats };
  const sweep = execution.sweep;
  if (sweep !== undefined) {
    if (!Array.isArray(sweep) && 'rate' in sweep) {
      return { ...base, sweepOver: 'rate', levels: sweep.rate.map((rate, index) => openLevel(index, rate)) };
    }
    const levels = Array.isArray(sweep) ? sweep : (sweep as { concurrency: readonly number[] }).concurrency;
    return { ...base, sweepOver: 'concurrency', levels: levels.map((level, index) => closedLevel(index, level)) };
  }
  if (execution.rate !== undefined) return { ...base, levels: [openLevel(0, execution.rate)] };
  return { ...base, levels: [closedLevel(0, concurrency)] };
}

function closedLevel(index: number, concurrency: number): LoadLevel {
  return { index, mode: 'closed', concurrency, label: `c=${concurrency}` };
}

function openLevel(index: number, rate: number): LoadLevel {
  return { index, mode: 'open', rate, label: `rate=${rate}/s` };
}

/** The stored description with its spec-validated parts typed (validated by the spec schema when the run started). */
function typed(stored: StoredRunDescription): Omit<RunDescription, 'candidates' | 'scorers' | 'judges' | 'plan'> {
  const { judges: _judges, ...settings } = stored;
  return settings as unknown as Omit<RunDescription, 'candidates' | 'scorers' | 'judges' | 'plan'>;
}

function describedCandidate(candidate: Manifest['candidates'][number]): DescribedCandidate {
  return { ...candidate, kind: (candidate.kind as DescribedCandidate['kind'] | undefined) ?? 'model', params: (candidate.params as Record<string, unknown> | undefined) ?? {} };
}
