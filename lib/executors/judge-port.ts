import pLimit from 'p-limit';
import { isAbsolute, resolve } from 'node:path';
import { instantiateScorers } from '../engine/index.ts';
import type { Clock, Provider } from '../engine/ports.ts';
import type { Scorer } from '../scorers/types.ts';
import { VerdictError } from '../errors/index.ts';
import { createJudgeControl } from '../providers/index.ts';
import type { JudgePort } from '../scorers/judge/judge-port.ts';
import type { JudgeRef } from '../scorers/judge/judge-params.ts';
import { JudgeSpecSchema, type CandidateSpec, type EvalSpec, type JudgeSpec } from '../spec/index.ts';
import { openRunAt } from '../store/index.ts';
import { createCandidates, type PreparedRun } from './prepare-run.ts';
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

interface ScorerJudgeRefs {
  readonly scorer: string;
  readonly refs: { ref: JudgeRef; name: string }[];
  readonly baseline?: { run?: string; candidate?: string };
}

/**
 * Builds the judge port of a run. Every judge — a `judges:` entry or an inline one — is created
 * exactly like a candidate (`createCandidates`: the provider registry, `execution.timeoutMs` and
 * `retries`, the key read from `apiKeyEnv`), capped by its own `concurrency`, and each completion
 * is stamped with the judge id, its cost from `price`, and the candidates that are the same model.
 * Baseline runs named by pairwise scorers are read once, here.
 */
export async function createJudgePort(spec: EvalSpec, candidates: readonly CandidateSpec[], context: JudgePortContext): Promise<JudgePortHandle | undefined> {
  const scorers = judgeRefsOf(spec);
  if (scorers.length === 0) return undefined;
  const byKey = new Map<string, Provider>();
  const closers: Provider[] = [];
  const definitions = new Map((spec.judges ?? []).map((judge) => [judge.id, judge]));
  for (const { refs } of scorers) {
    for (const { ref, name } of refs) {
      const key = keyOf(ref);
      if (byKey.has(key)) continue;
      const judgeSpec = typeof ref === 'string' ? definitions.get(ref) : parseInline(ref, name);
      if (!judgeSpec) throw new VerdictError('SPEC_INVALID', `${name}: unknown judge "${String(ref)}"; define it under judges:`);
      const provider = await createJudge(judgeSpec, candidates, context);
      closers.push(provider);
      byKey.set(key, provider);
    }
  }
  const runAnswers = await loadBaselineRuns(scorers, context.baseDir);
  const board = new Map<string, string>();
  const baselineCandidates = new Set(scorers.flatMap((scorer) => (scorer.baseline?.candidate !== undefined && scorer.baseline.run === undefined ? [scorer.baseline.candidate] : [])));
  const port: JudgePort = {
    provider(ref, where) {
      const provider = byKey.get(keyOf(ref));
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

function judgeRefsOf(spec: EvalSpec): ScorerJudgeRefs[] {
  return spec.scorers
    .filter((scorer) => scorer.type === 'judge')
    .map((scorer) => {
      const params = scorer as unknown as { id?: string; judge?: JudgeRef; judges?: JudgeRef[]; baseline?: { run?: string; candidate?: string } };
      const id = params.id ?? 'judge';
      const refs = params.judges
        ? params.judges.map((ref, index) => ({ ref, name: typeof ref === 'string' ? ref : `${id}.judges.${index}` }))
        : params.judge !== undefined ? [{ ref: params.judge, name: typeof params.judge === 'string' ? params.judge : `${id}.judge` }] : [];
      return { scorer: id, refs, ...(params.baseline && { baseline: params.baseline }) };
    });
}

function parseInline(ref: Record<string, unknown>, name: string): JudgeSpec {
  const parsed = JudgeSpecSchema.safeParse({ id: name, ...ref });
  if (!parsed.success) {
    const issue = parsed.error.issues.at(-1)!;
    throw new VerdictError('SPEC_INVALID', `scorers: inline judge ${name}: ${issue.path.join('.') || 'judge'}: ${issue.message}`, { context: { judge: name } });
  }
  return parsed.data;
}

async function createJudge(judge: JudgeSpec, candidates: readonly CandidateSpec[], context: JudgePortContext): Promise<Provider> {
  const created =
    judge.provider === 'control' && (judge.kind === 'prefers-first' || judge.kind === 'always-pass')
      ? createJudgeControl(judge.kind, { id: judge.id, clock: context.clock })
      : (await createCandidates([judge as CandidateSpec], context)).get(judge.id)!.provider;
  const rateLimit = 'rateLimit' in judge ? judge.rateLimit : undefined;
  const inner = rateLimit ? rateLimitedProvider(created, rateLimit, context.clock) : created;
  const limit = judge.concurrency !== undefined ? pLimit(judge.concurrency) : undefined;
  const price = 'price' in judge ? judge.price : undefined;
  const alsoCandidate = candidates.filter((candidate) => sameModel(judge, candidate)).map((candidate) => candidate.id);
  return {
    id: judge.id,
    close: inner.close ? () => inner.close!() : undefined,
    async complete(request) {
      const completion = await (limit ? limit(() => inner.complete(request)) : inner.complete(request));
      const costUsd =
        price && completion.usage
          ? (completion.usage.inputTokens * price.inputPerMTokUsd + completion.usage.outputTokens * price.outputPerMTokUsd) / 1_000_000
          : undefined;
      return { ...completion, meta: { ...completion.meta, judge: judge.id, ...(costUsd !== undefined && { costUsd }), ...(alsoCandidate.length > 0 && { alsoCandidate }) } };
    },
  } satisfies Provider;
}

/** A judge is the same model as a candidate when both name the same id, or the same endpoint and model. */
function sameModel(judge: JudgeSpec, candidate: CandidateSpec): boolean {
  if (judge.id === candidate.id) return true;
  if (judge.provider !== 'openai' || candidate.provider !== 'openai') return false;
  const j = judge as { model?: string; baseURL?: string };
  const c = candidate as { model?: string; baseURL?: string };
  return j.model === c.model && (j.baseURL ?? '') === (c.baseURL ?? '');
}

/** Answers of each baseline run: by candidate, sample and repeat ('' = the run's only candidate). */
async function loadBaselineRuns(scorers: readonly ScorerJudgeRefs[], baseDir: string): Promise<Map<string, Map<string, string>>> {
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

function keyOf(ref: JudgeRef): string {
  return typeof ref === 'string' ? `id:${ref}` : `inline:${JSON.stringify(ref)}`;
}

/**
 * Phase 0: a run without pairwise-against-a-candidate scorers (every item). Phase 1: the baseline
 * candidates' items; phase 2: every other item, judged against the answers phase 1 recorded.
 */
export function inJudgePhase(phase: 0 | 1 | 2, candidate: string, baselineCandidates: ReadonlySet<string> | undefined): boolean {
  if (phase === 0 || !baselineCandidates) return true;
  const isBaseline = baselineCandidates.has(candidate);
  return phase === 1 ? isBaseline : !isBaseline;
}

/**
 * The run's scorers with the judge port: made again with every port the run has (a spec may judge
 * answers and run code), or the prepared ones when no scorer calls a judge.
 */
export function scorersWithJudges(prepared: PreparedRun, judges: JudgePortHandle | undefined): Scorer[] {
  if (!judges) return prepared.scorers.map(({ scorer }) => scorer);
  const ports = { judge: judges.port, ...(prepared.sandbox && { sandbox: prepared.sandbox }) };
  return instantiateScorers(prepared.loaded.spec.scorers, ports).map(({ scorer }) => scorer);
}
