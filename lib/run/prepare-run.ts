import type { LoadedDataset } from '../datasets/index.ts';
import type { Clock } from '../ports/index.ts';
import {
  createAnswerReader,
  createPromptRenderer,
  describeRun,
  instantiateScorers,
  type AnswerReader,
  type CandidateRuntime,
  type InstantiatedScorer,
  type Plan,
  type PromptRenderer,
  type RunDescription,
  type RunOverrides,
} from '../engine/index.ts';
import { VerdictError } from '../errors/index.ts';
import { getProvider } from '../providers/index.ts';
import type { Sandbox } from '../scorers/index.ts';
import { getProviderDefinition, type CandidateSpec, type EvalSpec, type LoadedSpec } from '../spec/index.ts';
import { describeJudges, isJudgeControl, withDescribedJudgeRefs } from './judge-description.ts';
import { describeCandidate, parseProviderParams } from './provider-params.ts';

/** A spec and dataset checked end to end, before any model is called. */
export interface PreparedRun {
  readonly loaded: LoadedSpec;
  readonly dataset: LoadedDataset;
  readonly scorers: InstantiatedScorer[];
  readonly prompt: PromptRenderer;
  /** Reasoning and confidence, as the spec's `reasoning:` and `calibration:` say. */
  readonly answers: AnswerReader;
  readonly candidates: CandidateSpec[];
  /** How the run is carried out (settings with overrides, load, described candidates, plan): recorded in the manifest. */
  readonly run: RunDescription;
  /** `run.plan`. */
  readonly plan: Plan;
  /** Each candidate's provider params, parsed once (they may hold secrets: never recorded; `run.candidates` has them described). */
  readonly providerParams: ReadonlyMap<string, Record<string, unknown>>;
  /** Each judge's provider params by judge id, parsed once (never recorded; `run.judges` has them described). */
  readonly judgeParams: ReadonlyMap<string, Record<string, unknown>>;
  /** Where the run's `code` scorers execute answers; its isolation is recorded in the manifest. */
  readonly sandbox?: Sandbox;
}

/**
 * Instantiates scorers, selects candidates and renders every prompt and reference once, so a
 * missing template field stops the run (exit 2) naming the sample, before any model call.
 */
export function prepareRun(
  loaded: LoadedSpec,
  dataset: LoadedDataset,
  options: { candidateIds?: readonly string[]; sandbox?: Sandbox; overrides?: RunOverrides } = {},
): PreparedRun {
  const { spec } = loaded;
  const scorers = instantiateScorers(spec.scorers, options.sandbox ? { sandbox: options.sandbox } : {});
  const prompt = createPromptRenderer(spec);
  for (const sample of dataset.samples) {
    prompt.render(sample);
    for (const { scorer } of scorers) scorer.expected(sample);
  }
  const candidates = selectCandidates(spec.candidates, options.candidateIds);
  const providerParams = new Map(candidates.map((candidate) => [candidate.id, parseProviderParams(candidate)]));
  checkContinuationScoring(loaded, scorers, candidates, providerParams, dataset.samples.length > 0 ? prompt.render(dataset.samples.at(0)!) : []);
  const described = candidates.map((candidate) => describeCandidate(candidate, providerParams.get(candidate.id)!));
  const judges = describeJudges(spec, scorers.map(({ description }) => description), described);
  const run = describeRun(spec, options.overrides ?? {}, {
    sampleIds: dataset.sampleIds,
    candidates: described,
    // Inline judges are recorded described, like candidates; their secrets stay in `judgeParams`.
    scorers: scorers.map(({ description }) => ({ ...description, params: withDescribedJudgeRefs(description.params, description.type) })),
    judges: judges.judges,
  });
  return {
    loaded,
    dataset,
    scorers,
    prompt,
    answers: createAnswerReader(spec),
    candidates,
    run,
    plan: run.plan,
    providerParams,
    judgeParams: judges.params,
    ...(options.sandbox && { sandbox: options.sandbox }),
  };
}

/**
 * A scorer that needs per-option log-likelihoods (`mc2`) runs only on candidates whose provider
 * can score given text, with a prompt that is one user message: anything else stops the run
 * here (exit 2), naming the spec key, instead of turning every item into an error.
 */
function checkContinuationScoring(
  loaded: LoadedSpec,
  scorers: readonly InstantiatedScorer[],
  candidates: readonly CandidateSpec[],
  providerParams: ReadonlyMap<string, Record<string, unknown>>,
  firstPrompt: readonly { role: string }[],
): void {
  const scoring = scorers.find(({ scorer }) => scorer.continuations !== undefined);
  if (!scoring) return;
  const needs = `${loaded.path}: scorer "${scoring.description.id}" needs each candidate's log-likelihood of every answer option`;
  for (const candidate of candidates) {
    const definition = getProviderDefinition(candidate.provider);
    if (definition.scoresContinuations?.(providerParams.get(candidate.id) as never)) continue;
    const index = loaded.spec.candidates.indexOf(candidate);
    const hint =
      candidate.provider === 'openai'
        ? 'set `logLikelihoods: completions-echo` if its endpoint scores prompts through /v1/completions with echo and logprobs (vLLM, llama.cpp server); chat-completions APIs return no prompt log-probabilities'
        : `provider "${candidate.provider}" returns no prompt log-probabilities (chat APIs such as Bedrock Converse cannot); run it with an openai candidate that has \`logLikelihoods: completions-echo\`, or score MC1 instead`;
    throw new VerdictError('SPEC_INVALID', `${needs}; candidates[${index}] "${candidate.id}" cannot give it: ${hint}`, { context: { candidate: candidate.id, scorer: scoring.description.id } });
  }
  if (firstPrompt.length !== 1 || firstPrompt[0]!.role !== 'user') {
    throw new VerdictError('SPEC_INVALID', `${needs} after plain text: the prompt must render to one user message (no system prompt, no turns); it renders to ${firstPrompt.map((m) => m.role).join(', ') || 'nothing'}`, {
      context: { scorer: scoring.description.id },
    });
  }
}

function selectCandidates(all: CandidateSpec[], wanted: readonly string[] | undefined): CandidateSpec[] {
  if (!wanted || wanted.length === 0) return all;
  for (const id of wanted) {
    if (!all.some((candidate) => candidate.id === id)) {
      throw new VerdictError('USAGE', `--candidate ${id}: no such candidate; the spec has ${all.map((c) => c.id).join(', ')}`);
    }
  }
  return all.filter((candidate) => wanted.includes(candidate.id));
}

/**
 * Creates each candidate's provider (secrets are read here, from `env`, and never stored).
 * `params` are the parsed params (`prepared.providerParams`); judges, created like candidates, are parsed here.
 */
export async function createCandidates(
  candidates: readonly CandidateSpec[],
  context: { baseDir: string; env: Readonly<Record<string, string | undefined>>; clock: Clock; timeoutMs: number; retries: number },
  params?: ReadonlyMap<string, Record<string, unknown>>,
): Promise<Map<string, CandidateRuntime>> {
  const runtimes = new Map<string, CandidateRuntime>();
  for (const candidate of candidates) {
    const definition = getProvider(candidate.provider);
    const parsed = params?.get(candidate.id) ?? parseProviderParams(candidate);
    const provider = await definition.create(parsed as never, { ...context, id: candidate.id });
    runtimes.set(candidate.id, { id: candidate.id, kind: definition.kind, provider });
  }
  return runtimes;
}

/**
 * The spec as the manifest records it (for audit, under `spec` as `resolved`): candidates' provider params
 * as `describe` leaves them (`run.candidates`), so header values and URL credentials interpolated
 * from the environment never reach the result set. Candidates not run (`--candidate`) are described
 * too, and so are judges, inline ones included.
 */
export function redactSpec(spec: EvalSpec, run: RunDescription): Record<string, unknown> {
  const described = new Map(run.candidates.map((candidate) => [candidate.id, candidate]));
  const candidates = spec.candidates.map((candidate) => {
    const known = described.get(candidate.id);
    return known ? { ...candidate, ...known.params } : describeCandidateSpec(candidate);
  });
  // Judges defined like candidates are recorded like them (judge controls have nothing to hide).
  const judges = spec.judges?.map((judge) => (isJudgeControl(judge) ? judge : describeCandidateSpec(judge as CandidateSpec)));
  const scorers = spec.scorers.map((scorer) => withDescribedJudgeRefs(scorer as Record<string, unknown>, scorer.type));
  return { ...spec, candidates, scorers, ...(judges && { judges }) } as Record<string, unknown>;
}

function describeCandidateSpec(candidate: CandidateSpec): CandidateSpec {
  return { ...candidate, ...describeCandidate(candidate, parseProviderParams(candidate)).params };
}
