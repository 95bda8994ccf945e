import type { Sample } from '../../datasets/index.ts';
import type { Provider } from '../../ports/index.ts';
import { fnv1aCodePoints } from '../../stats/index.ts';
import type { LinearPattern } from '../linear-pattern.ts';
import { callJudge, type JudgeCallRecord, type JudgeCallRequest } from './judge-call.ts';
import { buildPairwisePrompt, buildRubricPrompt, canonicalGradeLine, canonicalVerdictLine, type JudgeLanguage, type JudgeScale } from './judge-prompts.ts';
import { normaliseGrade, parseGrade, parseVerdict } from './parse-verdict.ts';
import { combineOrders, outcomeOf, type Order, type Outcome } from './pairwise-outcome.ts';

/** What every ask needs besides the texts. */
export interface AskContext {
  readonly provider: Provider;
  readonly sample: Sample;
  readonly candidate: string | undefined;
  readonly repeat: number;
  readonly language: JudgeLanguage;
  readonly samples: number;
  readonly pattern: LinearPattern | undefined;
  readonly signal?: AbortSignal;
}

/** A rubric judge's result on one item: the mean grade over its samples, or unscored. */
export interface RubricJudgement {
  readonly calls: JudgeCallRecord[];
  /** Mean raw grade on the scale over the samples that parsed; undefined when none did. */
  readonly grade?: number;
  readonly normalised?: number;
  /** Population standard deviation of the normalised grades across samples (0 with one sample). */
  readonly spread?: number;
  /** Every parsed sample was on the same side of the pass line. */
  readonly stable?: boolean;
}

/** Asks a rubric judge `samples` times (in sequence, so a rate-limited judge is not flooded). */
export async function askRubric(
  context: AskContext,
  texts: { question: string; answer: string; rubric: string; reference?: string },
  scale: JudgeScale,
  passAt: number,
): Promise<RubricJudgement> {
  const prompt = buildRubricPrompt({ language: context.language, scale, ...texts });
  const calls: JudgeCallRecord[] = [];
  for (let index = 0; index < context.samples; index++) {
    const { call, text } = await askOnce(context, {
      prompt,
      sampleIndex: index,
      expected: canonicalGradeLine(scale, true),
      options: [canonicalGradeLine(scale, true), canonicalGradeLine(scale, false)],
      seed: seedOf(context.sample.id, context.repeat, index),
    });
    if (text === null) {
      calls.push(call);
      continue;
    }
    const parsed = parseGrade(text, scale, context.pattern);
    calls.push(parsed.ok ? { ...call, grade: parsed.grade, rationale: parsed.rationale } : { ...call, problem: parsed.problem, rationale: parsed.rationale });
  }
  const grades = calls.flatMap((call) => (call.grade === undefined ? [] : [call.grade]));
  if (grades.length === 0) return { calls };
  const normalisedGrades = grades.map((grade) => normaliseGrade(grade, scale));
  const grade = grades.reduce((sum, value) => sum + value, 0) / grades.length;
  const normalised = normalisedGrades.reduce((sum, value) => sum + value, 0) / grades.length;
  const spread = Math.sqrt(normalisedGrades.reduce((sum, value) => sum + (value - normalised) ** 2, 0) / grades.length);
  const passes = new Set(grades.map((value) => value >= passAt));
  return { calls, grade, normalised, spread, stable: passes.size === 1 };
}

/** A pairwise judge's result on one item: both orders, combined. */
export interface PairwiseJudgement {
  readonly calls: JudgeCallRecord[];
  readonly byOrder: { readonly ab?: Outcome; readonly ba?: Outcome };
  readonly outcome?: Outcome;
  readonly consistent?: boolean;
}

/**
 * Asks a pairwise judge in BOTH orders (candidate first, then baseline first). With `samples`
 * above 1 each order's verdict is the majority of its samples (a split is a tie).
 */
export async function askPairwise(
  context: AskContext,
  texts: { question: string; answer: string; baseline: string; rubric?: string },
): Promise<PairwiseJudgement> {
  const calls: JudgeCallRecord[] = [];
  const byOrder: { ab?: Outcome; ba?: Outcome } = {};
  for (const order of ['ab', 'ba'] as const satisfies readonly Order[]) {
    const [first, second] = order === 'ab' ? [texts.answer, texts.baseline] : [texts.baseline, texts.answer];
    const prompt = buildPairwisePrompt({ language: context.language, question: texts.question, first, second, ...(texts.rubric !== undefined && { rubric: texts.rubric }) });
    const outcomes: Outcome[] = [];
    for (let index = 0; index < context.samples; index++) {
      const { call, text } = await askOnce(context, {
        prompt,
        sampleIndex: index,
        order,
        expected: canonicalVerdictLine(order === 'ab' ? 'A' : 'B'),
        options: [canonicalVerdictLine('A'), canonicalVerdictLine('B'), 'VERDICT: TIE'],
        seed: seedOf(context.sample.id, context.repeat, index * 2 + (order === 'ab' ? 0 : 1)),
      });
      if (text === null) {
        calls.push(call);
        continue;
      }
      const parsed = parseVerdict(text, context.pattern);
      if (parsed.ok) outcomes.push(outcomeOf(order, parsed.position));
      calls.push(parsed.ok ? { ...call, verdict: parsed.position, rationale: parsed.rationale } : { ...call, problem: parsed.problem, rationale: parsed.rationale });
    }
    const majority = majorityOutcome(outcomes);
    if (majority) byOrder[order] = majority;
  }
  if (byOrder.ab === undefined || byOrder.ba === undefined) return { calls, byOrder };
  return { calls, byOrder, ...combineOrders(byOrder.ab, byOrder.ba) };
}

/**
 * One judge call with what every ask shares: the judge, the item, the signal, and the key data a
 * replay judge joins on (its order, the candidate, the judge sample and the repeat).
 */
function askOnce(context: AskContext, request: Omit<JudgeCallRequest, 'provider' | 'judgeId' | 'sample' | 'keyData' | 'signal'>): ReturnType<typeof callJudge> {
  const keyData = { ...(request.order !== undefined && { order: request.order }), candidate: context.candidate ?? '', judgeSample: request.sampleIndex, repeat: context.repeat };
  return callJudge({
    ...request,
    provider: context.provider,
    judgeId: context.provider.id,
    sample: context.sample,
    keyData,
    ...(context.signal && { signal: context.signal }),
  });
}

/** The most frequent outcome; a split between the two most frequent is a tie. */
export function majorityOutcome(outcomes: readonly Outcome[]): Outcome | undefined {
  if (outcomes.length === 0) return undefined;
  const counts = new Map<Outcome, number>();
  for (const outcome of outcomes) counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
  const ranked = [...counts].sort((x, y) => y[1] - x[1]);
  if (ranked.length > 1 && ranked[0]![1] === ranked[1]![1]) return 'tie';
  return ranked[0]![0];
}

/** A deterministic 32-bit seed per item and ask, for judges that sample. */
function seedOf(sampleId: string, repeat: number, index: number): number {
  return fnv1aCodePoints(`${sampleId}\u001f${repeat}\u001f${index}`);
}
