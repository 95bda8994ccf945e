import pLimit from 'p-limit';
import { isAbsolute, resolve } from 'node:path';
import { instantiateScorers, type DescribedJudge, type RunDescription } from '../engine/index.ts';
import type { Clock, Provider } from '../ports/index.ts';
import type { Scorer, JudgePort } from '../scorers/index.ts';
import { VerdictError } from '../errors/index.ts';
import { createJudgeControl } from '../providers/index.ts';
import type { CandidateSpec, RateLimit, ScorerSpec } from '../spec/index.ts';
import { openRunAt } from '../store/index.ts';
import { isJudgeControl, judgeKeyOf, judgeRefsOf, pairwiseBaselineCandidates, type JudgeScorerRefs, createCandidates, type PreparedRun } from '../run/index.ts';
import { rateLimitedProvider } from './rate-limit.ts';

/** What judges are created with: the same context as candidates. */
export interface JudgePortContext {
  readonly baseDir: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly clock: Clock;
  readonly timeoutMs: number;
  readonly retries: number;
}

/** A judge port and what to close when the run ends. */
export interface JudgePortHandle {
  readonly port: JudgePort;
  /** Records a candidate's answer, for pairwise judging against that candidate (second phase). */
  recordAnswer(candidate: string, sampleId: string, repeat: number, output: string | null): void;
  /** Candidates whose answers pairwise scorers compare against: they run first. */
  readonly baselineCandidates: ReadonlySet<string>;
  close(): Promise<void>;
}

/**
 * Builds the judge port of a run from its description (`run.judges`, `run.scorers`), so a resumed
 * run or a worker uses the judges its manifest records. Every judge is created exactly like a
 * candidate (`createCandidates`: the provider registry, `execution.timeoutMs` and `retries`, the
 * key read from `apiKeyEnv`) from its parsed params (`prepared.judgeParams`), capped by its own
 * `concurrency` and `rateLimit`, and each completion is stamped with the judge id, its cost from
 * `price`, and the candidates that are the same model. Baseline runs named by pairwise scorers
 * are read once, here. A cloud worker passes `rateLimitShares`, its share of each judge's limit
 * by judge id (`manifest.cloud.judgeRateLimits`), so that the workers together keep to the limit.
 */
export async function createJudgePort(
  run: Pick<RunDescription, 'judges' | 'scorers'>,
  judgeParams: ReadonlyMap<string, Record<string, unknown>>,
  context: JudgePortContext,
  rateLimitShares: ReadonlyMap<string, RateLimit> = new Map(),
): Promise<JudgePortHandle | undefined> {
  const scorers = judgeRefsOf(run.scorers);
  if (scorers.length === 0) return undefined;
  const described = new Map(run.judges.map((judge) => [judge.id, judge]));
  const byKey = new Map<string, Provider>();
  const closers: Provider[] = [];
  for (const { scorer, refs } of scorers) {
    for (const { ref, id } of refs) {
      const key = judgeKeyOf(ref);
      if (byKey.has(key)) continue;
      const judge = described.get(id);
      const params = judgeParams.get(id);
      if (!judge) throw new VerdictError('USAGE', `scorers.${scorer}: judge "${id}" is not in the run description (a run started before judges were recorded cannot be resumed; start a new run)`);
      if (!params) throw new VerdictError('USAGE', `scorers.${scorer}: judge "${id}" is recorded for this run but the spec being run does not define it`);
      const provider = await createJudge(judge, params, context, rateLimitShares.get(id) ?? judge.rateLimit);
      closers.push(provider);
      byKey.set(key, provider);
    }
  }
  const runAnswers = await loadBaselineRuns(scorers, context.baseDir);
  const board = new Map<string, string>();
  const baselineCandidates = new Set(pairwiseBaselineCandidates(scorers).map(({ candidate }) => candidate));
  const port: JudgePort = {
    provider(ref, where) {
      const provider = byKey.get(judgeKeyOf(ref));
      if (!provider) throw new VerdictError('SPEC_INVALID', `${where}: judge ${JSON.stringify(ref)} was not created for this run`);
      return provider;
    },
    baselineAnswer(baseline, sampleId, repeat) {
      if (baseline.run !== undefined) return runAnswers.get(baseline.run)?.get(answerKey(baseline.candidate ?? '', sampleId, repeat)) ?? runAnswers.get(baseline.run)?.get(answerKey(baseline.candidate ?? '', sampleId, 0));
      return board.get(answerKey(baseline.candidate!, sampleId, repeat));
    },
  };
  return {
    port,
    baselineCandidates,
    recordAnswer(candidate, sampleId, repeat, output) {
      if (output !== null && baselineCandidates.has(candidate)) board.set(answerKey(candidate, sampleId, repeat), output);
    },
    async close() {
      await Promise.all(closers.map((provider) => provider.close?.()));
    },
  };
}

async function createJudge(judge: DescribedJudge, params: Record<string, unknown>, context: JudgePortContext, rateLimit: RateLimit | undefined): Promise<Provider> {
  const control = { provider: judge.provider, kind: params.kind };
  const created = isJudgeControl(control)
    ? createJudgeControl(control.kind, { id: judge.id, clock: context.clock })
    : (await createCandidates([{ id: judge.id, provider: judge.provider } as CandidateSpec], context, new Map([[judge.id, params]]))).get(judge.id)!.provider;
  const inner = rateLimit ? rateLimitedProvider(created, rateLimit, context.clock) : created;
  const limit = judge.concurrency !== undefined ? pLimit(judge.concurrency) : undefined;
  const { price, sameModelAs } = judge;
  return {
    id: judge.id,
    close: inner.close ? () => inner.close!() : undefined,
    async complete(request) {
      const completion = await (limit ? limit(() => inner.complete(request)) : inner.complete(request));
      const costUsd =
        price && completion.usage
          ? (completion.usage.inputTokens * price.inputPerMTokUsd + completion.usage.outputTokens * price.outputPerMTokUsd) / 1_000_000
          : undefined;
      return { ...completion, meta: { ...completion.meta, judge: judge.id, ...(costUsd !== undefined && { costUsd }), ...(sameModelAs.length > 0 && { alsoCandidate: sameModelAs }) } };
    },
  } satisfies Provider;
}

/** Answers of each baseline run: by candidate, sample and repeat ('' = the run's only candidate). */
async function loadBaselineRuns(scorers: readonly JudgeScorerRefs[], baseDir: string): Promise<Map<string, Map<string, string>>> {
  const runs = new Map<string, Map<string, string>>();
  for (const { scorer, baseline } of scorers) {
    if (baseline?.run === undefined || runs.has(baseline.run)) continue;
    const location = baseline.run.startsWith('s3:') || isAbsolute(baseline.run) ? baseline.run : resolve(baseDir, baseline.run);
    const run = await openRunAt(location, `scorers.${scorer}.baseline.run`);
    const only = run.manifest.candidates.length === 1 ? run.manifest.candidates[0]!.id : undefined;
    const answers = new Map<string, string>();
    for await (const record of run.store.readRecords(run.runId)) {
      if (record.output === null || record.error) continue;
      answers.set(answerKey(record.candidate, record.sampleId, record.repeat), record.output);
      if (record.candidate === only) answers.set(answerKey('', record.sampleId, record.repeat), record.output);
    }
    runs.set(baseline.run, answers);
  }
  return runs;
}

function answerKey(candidate: string, sampleId: string, repeat: number): string {
  return `${candidate}\u001f${sampleId}\u001f${repeat}`;
}

/**
 * Runs a run's (or a shard's) items in judge phases, `runPhase` once per phase with which
 * candidates' items it runs. Without pairwise-against-a-candidate scorers that is one phase of
 * every item; with them, phase 1 runs the baseline candidates' items and phase 2 every other
 * item, judged against the answers phase 1 recorded (`recordAnswer`). The one phase logic of the
 * local executor and the Lambda workers.
 */
export async function runInJudgePhases(
  judges: JudgePortHandle | undefined,
  runPhase: (inPhase: (candidate: string) => boolean) => Promise<void>,
): Promise<void> {
  const baselines = judges?.baselineCandidates;
  if (!baselines || baselines.size === 0) return runPhase(() => true);
  await runPhase((candidate) => baselines.has(candidate));
  await runPhase((candidate) => !baselines.has(candidate));
}

/**
 * The run's scorers with the judge port: made again, from the scorers the run description
 * records, with every port the run has (a spec may judge answers and run code), or the prepared
 * ones when no scorer calls a judge.
 */
export function scorersWithJudges(run: Pick<RunDescription, 'scorers'>, prepared: PreparedRun, judges: JudgePortHandle | undefined): Scorer[] {
  if (!judges) return prepared.scorers.map(({ scorer }) => scorer);
  const ports = { judge: judges.port, ...(prepared.sandbox && { sandbox: prepared.sandbox }) };
  const specs = run.scorers.map(({ id, type, params }) => ({ ...params, type, id }) as ScorerSpec);
  return instantiateScorers(specs, ports).map(({ scorer }) => scorer);
}
