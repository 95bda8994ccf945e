import type { Sample } from '../../datasets/index.ts';
import type { Provider } from '../../ports/index.ts';
import { VerdictError } from '../../errors/index.ts';
import type { ChatMessage, Score } from '../../results/index.ts';
import { compileTemplate, getPath, type CompiledTemplate } from '../../template/index.ts';
import type { LinearPattern } from '../linear-pattern.ts';
import { defineScorer, type ScoreInput, type ScorerPorts } from '../types.ts';
import { aggregateJudge, aggregateJudgeAcross } from './judge-aggregate.ts';
import { askPairwise, askRubric, majorityOutcome, type AskContext, type PairwiseJudgement, type RubricJudgement } from './judge-ask.ts';
import type { JudgeCallRecord } from './judge-call.ts';
import { isPairwise, judgeParamProblems, judgeParams, scaleOf, type JudgeParams, type JudgeRef } from './judge-params.ts';
import type { JudgeScale } from './judge-prompts.ts';
import { compileVerdictPattern, normaliseGrade } from './parse-verdict.ts';
import { outcomeValue, type Outcome } from './pairwise-outcome.ts';

/**
 * `judge`: a model grades the answer (LLM-as-judge). `rubric` grades one answer against a rubric
 * (pass/fail or a 1..N scale, optionally with a reference answer); `pairwise` compares it with a
 * baseline answer in both orders; `panel` asks several judges and combines them. Judges are
 * reached through the run's judge port, so prompt building, parsing and aggregation stay pure.
 * A judge that fails after its retries, or replies with no readable grade, leaves the item
 * *unscored* (`detail.unscored`, with the error or problem) — the candidate's answer is kept.
 *
 * @example
 * // judges: [{ id: grader, provider: openai, model: gpt-4o-mini, apiKeyEnv: OPENAI_API_KEY }]
 * // scorers: [{ id: helpful, type: judge, kind: rubric, judge: grader, rubric: "...", scale: [1, 5] }]
 */
export const judge = defineScorer({
  id: 'judge',
  description: 'A model grades the answer: rubric, pairwise (both orders) or a panel of judges.',
  params: judgeParams,
  create(params, { id, ports }) {
    const problems = judgeParamProblems(params);
    if (problems.length > 0) throw new VerdictError('SPEC_INVALID', `scorer "${id}": ${problems.join('; ')}`, { context: { scorer: id, problems } });
    const grader = new JudgeGrader(id, params, ports);
    return {
      id,
      type: 'judge',
      expected: (sample) => grader.reference?.render(sample.data, sample.id),
      options: () => undefined,
      score: (input) => grader.score(input),
    };
  },
  aggregate: aggregateJudge,
  aggregateAcross: aggregateJudgeAcross,
});

class JudgeGrader {
  readonly reference: CompiledTemplate | undefined;
  readonly #rubric: CompiledTemplate | undefined;
  readonly #question: CompiledTemplate | undefined;
  readonly #scale: JudgeScale;
  readonly #passAt: number;
  readonly #pattern: LinearPattern | undefined;
  readonly #refs: { ref: JudgeRef; where: string }[];
  #providers: Provider[] | undefined;

  constructor(
    readonly id: string,
    readonly params: JudgeParams,
    readonly ports: ScorerPorts,
  ) {
    this.reference = params.reference === undefined ? undefined : compileTemplate(params.reference, `scorer "${id}" reference`);
    this.#rubric = params.rubric === undefined ? undefined : compileTemplate(params.rubric, `scorer "${id}" rubric`);
    this.#question = params.question === undefined ? undefined : compileTemplate(params.question, `scorer "${id}" question`);
    this.#scale = scaleOf(params);
    this.#passAt = params.passAt ?? (this.#scale.kind === 'range' ? Math.ceil((this.#scale.lo + this.#scale.hi) / 2) : 1);
    this.#pattern = compilePattern(params.verdictPattern, id);
    this.#refs = params.kind === 'panel'
      ? params.judges!.map((ref, index) => ({ ref, where: `scorers.${id}.judges[${index}]` }))
      : [{ ref: params.judge!, where: `scorers.${id}.judge` }];
  }

  /** Judges resolve on first use: validating a spec needs no judge and no network. */
  #judges(): Provider[] {
    if (this.#providers) return this.#providers;
    const port = this.ports.judge;
    if (!port) throw new VerdictError('USAGE', `scorer "${this.id}": this run provides no judge port (judges run in local and Lambda runs)`);
    this.#providers = this.#refs.map(({ ref, where }) => port.provider(ref, where));
    return this.#providers;
  }

  async score(input: ScoreInput): Promise<Score> {
    const providers = this.#judges();
    const { sample } = input;
    const human = this.#humanLabel(sample, input.candidate ?? '');
    const texts = {
      question: this.#question?.render(sample.data, sample.id) ?? lastUserMessage(input.prompt),
      answer: input.output,
      ...(this.#rubric && { rubric: this.#rubric.render(sample.data, sample.id) }),
      ...(this.reference && { reference: this.reference.render(sample.data, sample.id) }),
    };
    const contextFor = (provider: Provider): AskContext => ({
      provider,
      sample,
      candidate: input.candidate,
      repeat: input.repeat ?? 0,
      language: this.params.language === 'auto' ? (/[\u3400-\u9fff]/u.test(texts.question) ? 'zh' : 'en') : this.params.language,
      samples: this.params.samples,
      pattern: this.#pattern,
      ...(input.signal && { signal: input.signal }),
    });
    if (isPairwise(this.params)) {
      const baseline = this.#baselineAnswer(input);
      if (baseline.self) return { value: 0, pass: false, detail: { kind: 'pairwise', isBaseline: true, unscored: true } };
      if (baseline.text === undefined) return unscored({ kind: 'pairwise', problem: baseline.problem, ...human, calls: [] });
      const judgements = await Promise.all(providers.map((provider) => askPairwise(contextFor(provider), { ...texts, baseline: baseline.text! })));
      const scored = this.params.kind === 'panel' ? this.#panelOfPairs(judgements, providers, human) : pairwiseScore(judgements[0]!, human);
      return { ...scored, detail: { ...scored.detail, baseline: baselineLabel(this.params.baseline!) } };
    }
    const rubricTexts = { ...texts, rubric: texts.rubric! };
    const judgements = await Promise.all(providers.map((provider) => askRubric(contextFor(provider), rubricTexts, this.#scale, this.#passAt)));
    return this.params.kind === 'panel' ? this.#panelOfGrades(judgements, providers, human) : this.#rubricScore(judgements[0]!, human);
  }

  #rubricScore(judgement: RubricJudgement, human: HumanDetail): Score {
    const base = { kind: 'rubric', ...human, calls: judgement.calls, ...selfPreference(judgement.calls) };
    if (judgement.grade === undefined) return unscored({ ...base, ...whyUnscored(judgement.calls) });
    return {
      value: judgement.normalised!,
      pass: judgement.grade >= this.#passAt,
      detail: { ...base, grade: judgement.grade, spread: judgement.spread, stable: judgement.stable, rationale: firstRationale(judgement.calls) },
    };
  }

  #panelOfGrades(judgements: RubricJudgement[], providers: Provider[], human: HumanDetail): Score {
    const votes = Object.fromEntries(providers.map((provider, index) => [provider.id, judgements[index]!.grade ?? null]));
    const calls = judgements.flatMap((judgement) => judgement.calls);
    const grades = judgements.flatMap((judgement) => (judgement.grade === undefined ? [] : [judgement.grade]));
    const base = { kind: 'panel', task: 'rubric', votes, ...human, calls, ...selfPreference(calls) };
    if (grades.length === 0) return unscored({ ...base, ...whyUnscored(calls) });
    const combine = this.params.combine ?? (this.#scale.kind === 'pass-fail' ? 'majority' : 'mean');
    if (combine === 'mean') {
      const grade = grades.reduce((sum, value) => sum + value, 0) / grades.length;
      return { value: normaliseGrade(grade, this.#scale), pass: grade >= this.#passAt, detail: { ...base, combine, grade } };
    }
    const passing = grades.filter((grade) => grade >= this.#passAt).length;
    const pass = passing * 2 > grades.length;
    return { value: pass ? 1 : 0, pass, detail: { ...base, combine, passing, voted: grades.length } };
  }

  #panelOfPairs(judgements: PairwiseJudgement[], providers: Provider[], human: HumanDetail): Score {
    const votes = Object.fromEntries(providers.map((provider, index) => [provider.id, judgements[index]!.outcome ?? null]));
    const consistent = Object.fromEntries(providers.map((provider, index) => [provider.id, judgements[index]!.consistent ?? null]));
    const calls = judgements.flatMap((judgement) => judgement.calls);
    const outcomes = judgements.flatMap((judgement) => (judgement.outcome === undefined ? [] : [judgement.outcome]));
    const base = { kind: 'panel', task: 'pairwise', votes, consistent, ...human, calls, ...selfPreference(calls) };
    if (outcomes.length === 0) return unscored({ ...base, ...whyUnscored(calls) });
    const combine = this.params.combine ?? 'majority';
    const outcome: Outcome = combine === 'majority' ? majorityOutcome(outcomes)! : meanOutcome(outcomes);
    return { value: outcomeValue(outcome), pass: outcome === 'win', detail: { ...base, combine, outcome } };
  }

  #baselineAnswer(input: ScoreInput): { text?: string; problem?: string; self?: boolean } {
    const baseline = this.params.baseline!;
    if ('field' in baseline) {
      const value = getPath(input.sample.data, baseline.field);
      if (value === undefined || value === null) return { problem: `sample "${input.sample.id}" has no baseline field "${baseline.field}"` };
      return { text: typeof value === 'string' ? value : JSON.stringify(value) };
    }
    if (!('run' in baseline) && baseline.candidate === input.candidate) return { self: true };
    const answer = this.ports.judge?.baselineAnswer?.(baseline, input.sample.id, input.repeat ?? 0);
    if (answer === undefined) {
      const from = 'run' in baseline ? `baseline run ${baseline.run}` : `baseline candidate "${baseline.candidate}"`;
      return { problem: `${from} has no answer for sample "${input.sample.id}"` };
    }
    return { text: answer };
  }

  #humanLabel(sample: Sample, candidate: string): HumanDetail {
    if (this.params.humanLabel === undefined) return {};
    const raw = getPath(sample.data, this.params.humanLabel.replaceAll('{{candidate}}', candidate));
    if (raw === undefined || raw === null || raw === '') return {};
    const mapped = this.params.humanLabelMap?.[String(raw)];
    if (mapped !== undefined) return { human: mapped };
    const number = typeof raw === 'number' ? raw : Number(raw);
    if (Number.isFinite(number)) return { human: number };
    const word = String(raw).toLowerCase();
    if (word === 'pass' || word === 'true' || word === 'yes') return { human: 1 };
    if (word === 'fail' || word === 'false' || word === 'no') return { human: 0 };
    if (word === 'win' || word === 'tie' || word === 'loss') return { human: word };
    return { human: String(raw) };
  }
}

type HumanDetail = { human?: number | string };

/** The baseline as a player name: the candidate's id, else `field:<path>` or `run:<location>`. */
function baselineLabel(baseline: NonNullable<JudgeParams['baseline']>): string {
  if ('field' in baseline) return `field:${baseline.field}`;
  if ('run' in baseline) return `run:${baseline.run}${baseline.candidate ? `#${baseline.candidate}` : ''}`;
  return baseline.candidate;
}

function pairwiseScore(judgement: PairwiseJudgement, human: HumanDetail): Score {
  const base = { kind: 'pairwise', byOrder: judgement.byOrder, ...human, calls: judgement.calls, ...selfPreference(judgement.calls) };
  if (judgement.outcome === undefined) return unscored({ ...base, ...whyUnscored(judgement.calls) });
  const detail = { ...base, outcome: judgement.outcome, consistent: judgement.consistent, rationale: firstRationale(judgement.calls) };
  return { value: outcomeValue(judgement.outcome), pass: judgement.outcome === 'win', detail };
}

/** The mean of outcome values, back to an outcome: above ½ a win, below a loss, else a tie. */
function meanOutcome(outcomes: readonly Outcome[]): Outcome {
  const mean = outcomes.reduce((sum, outcome) => sum + outcomeValue(outcome), 0) / outcomes.length;
  return mean > 0.5 ? 'win' : mean < 0.5 ? 'loss' : 'tie';
}

/** An unscored item: value 0 and no pass for the record's shape; `unscored` keeps it out of every judge metric. */
function unscored(detail: Record<string, unknown>): Score {
  return { value: 0, pass: false, detail: { ...detail, unscored: true } };
}

function whyUnscored(calls: readonly JudgeCallRecord[]): { error?: JudgeCallRecord['error']; problem?: string } {
  const failed = calls.find((call) => call.error);
  if (failed) return { error: failed.error };
  const problem = calls.find((call) => call.problem)?.problem;
  return problem ? { problem } : { problem: 'no judge reply gave a verdict' };
}

function selfPreference(calls: readonly JudgeCallRecord[]): { selfPreference?: true } {
  return calls.some((call) => call.selfJudged === true) ? { selfPreference: true } : {};
}

function firstRationale(calls: readonly JudgeCallRecord[]): string | undefined {
  return calls.find((call) => call.rationale)?.rationale?.slice(0, 2000);
}

function lastUserMessage(prompt: readonly ChatMessage[] | undefined): string {
  for (let index = (prompt?.length ?? 0) - 1; index >= 0; index--) if (prompt![index]!.role === 'user') return prompt![index]!.content;
  return '';
}

function compilePattern(source: string | undefined, id: string): LinearPattern | undefined {
  if (source === undefined) return undefined;
  try {
    return compileVerdictPattern(source);
  } catch (error) {
    throw new VerdictError('SPEC_INVALID', `scorer "${id}": verdictPattern: ${(error as Error).message}`, { cause: error, context: { scorer: id } });
  }
}
