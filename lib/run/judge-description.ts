import type { DescribedCandidate, DescribedJudge, DescribedScorer } from '../engine/index.ts';
import { VerdictError } from '../errors/index.ts';
import type { JudgeRef } from '../scorers/index.ts';
import { CandidateSpecSchema, JUDGE_CONTROL_KINDS, JudgeSpecSchema, type CandidateSpec, type EvalSpec, type JudgeSpec } from '../spec/index.ts';
import { describeCandidate, parseProviderParams } from './provider-params.ts';

/** The judges a `judge` scorer calls (each with the id the run knows it by) and its pairwise baseline. */
export interface JudgeScorerRefs {
  readonly scorer: string;
  readonly refs: readonly { readonly ref: JudgeRef; readonly id: string }[];
  readonly baseline?: { readonly run?: string; readonly candidate?: string };
}

/** The run's judges as the manifest records them, and their parsed provider params (they may hold secrets: never recorded). */
export interface RunJudges {
  readonly judges: DescribedJudge[];
  readonly params: ReadonlyMap<string, Record<string, unknown>>;
}

/**
 * The judge references of the run's `judge` scorers, read from their recorded params. A
 * `judges:` entry is known by its id; an inline judge by its spec key (`<scorer>.judge`,
 * `<scorer>.judges.<i>`), the first one when several scorers inline the same judge.
 */
export function judgeRefsOf(scorers: readonly DescribedScorer[]): JudgeScorerRefs[] {
  const inlineIds = new Map<string, string>();
  return scorers
    .filter((scorer) => scorer.type === 'judge')
    .map((scorer) => {
      const params = scorer.params as { judge?: JudgeRef; judges?: JudgeRef[]; baseline?: { run?: string; candidate?: string } };
      const named = params.judges
        ? params.judges.map((ref, index) => ({ ref, name: `${scorer.id}.judges.${index}` }))
        : params.judge !== undefined ? [{ ref: params.judge, name: `${scorer.id}.judge` }] : [];
      const refs = named.map(({ ref, name }) => {
        if (typeof ref === 'string') return { ref, id: ref };
        const key = judgeKeyOf(ref);
        if (!inlineIds.has(key)) inlineIds.set(key, name);
        return { ref, id: inlineIds.get(key)! };
      });
      return { scorer: scorer.id, refs, ...(params.baseline && { baseline: params.baseline }) };
    });
}

/**
 * The candidates of the run that pairwise scorers judge against (`baseline: { candidate }`, not
 * from another run), each with the first scorer that names it: their answers must exist before
 * the other candidates' items of a sample are judged.
 */
export function pairwiseBaselineCandidates(scorers: readonly JudgeScorerRefs[]): { readonly candidate: string; readonly scorer: string }[] {
  const byCandidate = new Map<string, string>();
  for (const { scorer, baseline } of scorers) {
    if (baseline?.candidate !== undefined && baseline.run === undefined && !byCandidate.has(baseline.candidate)) byCandidate.set(baseline.candidate, scorer);
  }
  return [...byCandidate].map(([candidate, scorer]) => ({ candidate, scorer }));
}

/** What identifies a judge reference: a `judges:` id, or an inline judge's keys. */
export function judgeKeyOf(ref: JudgeRef): string {
  return typeof ref === 'string' ? `id:${ref}` : `inline:${JSON.stringify(ref)}`;
}

/**
 * Describes every judge the run's `judge` scorers call, once, when the run is prepared: its
 * provider params parsed by its provider (so a bad inline judge stops the run before any model
 * call), described for the manifest like a candidate's, with the candidates that are the same
 * model (self-preference) and the scorers that call it.
 */
export function describeJudges(spec: Pick<EvalSpec, 'judges'>, scorers: readonly DescribedScorer[], candidates: readonly DescribedCandidate[]): RunJudges {
  const definitions = new Map((spec.judges ?? []).map((judge) => [judge.id, judge]));
  const judges = new Map<string, DescribedJudge>();
  const params = new Map<string, Record<string, unknown>>();
  for (const { scorer, refs } of judgeRefsOf(scorers)) {
    for (const { ref, id } of refs) {
      const known = judges.get(id);
      if (known) {
        if (!known.scorers.includes(scorer)) judges.set(id, { ...known, scorers: [...known.scorers, scorer] });
        continue;
      }
      const judge = typeof ref === 'string' ? definitions.get(ref) : parseInline(ref, id);
      if (!judge) throw new VerdictError('SPEC_INVALID', `scorers.${scorer}: unknown judge "${id}"; define it under judges:`);
      const parsed = isJudgeControl(judge) ? { kind: judge.kind } : parseProviderParams(judge as CandidateSpec);
      params.set(id, parsed);
      judges.set(id, describeJudge(judge, parsed, candidates, scorer));
    }
  }
  return { judges: [...judges.values()], params };
}

/** True for the judge controls (`prefers-first`, `always-pass`), which the judge scorer drives itself. */
export function isJudgeControl(judge: Pick<JudgeSpec, 'provider'> & { kind?: unknown }): judge is JudgeSpec & { kind: (typeof JUDGE_CONTROL_KINDS)[number] } {
  return judge.provider === 'control' && (JUDGE_CONTROL_KINDS as readonly unknown[]).includes(judge.kind);
}

function describeJudge(judge: JudgeSpec, params: Record<string, unknown>, candidates: readonly DescribedCandidate[], scorer: string): DescribedJudge {
  const described = isJudgeControl(judge)
    ? { id: judge.id, provider: judge.provider, kind: 'control' as const, ...(judge.concurrency !== undefined && { concurrency: judge.concurrency }), params }
    : describeCandidate(judge as CandidateSpec, params);
  return {
    id: described.id,
    provider: described.provider,
    kind: described.kind,
    ...(described.concurrency !== undefined && { concurrency: described.concurrency }),
    ...('price' in described && described.price !== undefined && { price: described.price }),
    ...('rateLimit' in described && described.rateLimit !== undefined && { rateLimit: described.rateLimit }),
    params: described.params,
    sameModelAs: candidates.filter((candidate) => sameModel(described, candidate)).map((candidate) => candidate.id),
    scorers: [scorer],
  };
}

/** A judge is the same model as a candidate when both have the same id, or the same endpoint and model (as described). */
function sameModel(judge: Pick<DescribedCandidate, 'id' | 'provider' | 'params'>, candidate: DescribedCandidate): boolean {
  if (judge.id === candidate.id) return true;
  if (judge.provider !== 'openai' || candidate.provider !== 'openai') return false;
  return judge.params.model === candidate.params.model && (judge.params.baseURL ?? '') === (candidate.params.baseURL ?? '');
}

/**
 * A judge scorer's params (or its spec entry) with each inline judge as the manifest may record
 * it: provider params as `describe` leaves them (header values and URL credentials interpolated
 * from the environment removed). Other scorers, and judges named by id, are returned unchanged.
 */
export function withDescribedJudgeRefs<T extends Record<string, unknown>>(params: T, type: string): T {
  if (type !== 'judge') return params;
  const describe = (ref: JudgeRef): JudgeRef => {
    if (typeof ref === 'string' || isJudgeControl(ref)) return ref;
    const candidate = { id: 'inline', ...ref } as unknown as CandidateSpec;
    return { ...ref, ...describeCandidate(candidate, parseProviderParams(candidate)).params };
  };
  const { judge, judges } = params as { judge?: JudgeRef; judges?: JudgeRef[] };
  return { ...params, ...(judge !== undefined && { judge: describe(judge) }), ...(judges !== undefined && { judges: judges.map(describe) }) };
}

function parseInline(ref: Exclude<JudgeRef, string>, id: string): JudgeSpec {
  // A judge control, or else a judge with a candidate's keys: parsed by that one schema, so the
  // error names the key that is wrong rather than "no branch of the union matched".
  const schema = isJudgeControl(ref) ? JudgeSpecSchema : CandidateSpecSchema;
  const parsed = schema.safeParse({ id, ...ref });
  if (!parsed.success) {
    const issue = parsed.error.issues.at(-1)!;
    throw new VerdictError('SPEC_INVALID', `scorers: inline judge ${id}: ${issue.path.join('.') || 'judge'}: ${issue.message}`, { context: { judge: id } });
  }
  return parsed.data;
}
