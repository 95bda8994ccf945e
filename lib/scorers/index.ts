export { defineScorer, type ScoreInput, type ScoredRecord, type Scorer, type ScorerDefinition, type ScorerPorts, type CorpusStatistic } from './types.ts';
export { getScorerDefinition, isScorerType, scorerRegistry, scorerTypes, type ScorerType } from './registry.ts';
export { exact, type ExactParams } from './exact.ts';
export { includes, type IncludesParams } from './includes.ts';
export { regex, escapeRegExp, type RegexParams } from './regex.ts';
export { compileLinearPattern, lastLinearMatch, type LinearMatch, type LinearPattern } from './linear-pattern.ts';
export { choice, type ChoiceParams } from './choice.ts';
export {
  mapOutputToOption,
  normalizeChoiceText,
  optionLetter,
  resolveReferenceOption,
  type ChoiceReferenceKind,
  type ResolvedReference,
} from './choice-mapping.ts';
export { numeric, type NumericParams } from './numeric.ts';
export { extractFinalNumber } from './extract-number.ts';
export { f1, type F1Params } from './f1.ts';
export { squadExactMatch, squadF1, squadMaxScores, squadNormalize, type SquadScores } from './squad.ts';
export { normalizeText, type NormalizeMode, type NormalizeOptions } from './normalize-text.ts';
export {
  aliasesParam,
  caseSensitiveParam,
  createReferenceResolver,
  describeSample,
  referenceParam,
  type ReferenceResolver,
  type ReferenceResolverOptions,
} from './reference.ts';
export { bbq, type BbqParams } from './bbq.ts';
export { aggregateBbq, bbqAccuracy, bbqBiasScore, countBbq, type BbqCounts } from './bbq-aggregate.ts';
export { decision, mapDecision, type Decision, type DecisionParams } from './decision.ts';
export { aggregateDecisions, FOUR_FIFTHS } from './fairness-aggregate.ts';
export { refusal, isRefusal, aggregateRefusals, type RefusalParams } from './refusal.ts';
export { pii, aggregatePii, type PiiParams } from './pii/pii.ts';
export { countPiiTypes, detectPii, PII_TYPES, redactPii, type PiiMatch, type PiiType } from './pii/detectors.ts';
export { ibanValid, ipv4Valid, ipv6Valid, luhnValid, residentIdValid, ssnPlausible } from './pii/checksums.ts';
export { judge } from './judge/judge.ts';
export { judgeParams, type JudgeParams, type JudgeRef, type Baseline } from './judge/judge-params.ts';
export { parseGrade, parseVerdict, compileVerdictPattern, normaliseGrade, type ParsedGrade, type ParsedVerdict, type Position } from './judge/parse-verdict.ts';
export { buildRubricPrompt, buildPairwisePrompt, JUDGE_PROMPT_VERSIONS, type JudgeLanguage, type JudgeScale } from './judge/judge-prompts.ts';
export { combineOrders, outcomeOf, type Outcome, type Order } from './judge/pairwise-outcome.ts';
export type { JudgePort, JudgeCompletionMeta } from './judge/judge-port.ts';
export type { JudgeCallRecord } from './judge/judge-call.ts';
export { code, aggregateCode, SANDBOXED_SCORER_TYPES, type CodeParams } from './code.ts';
export { extractProgram, type ExtractedProgram } from './extract-program.ts';
export { FAILURE_CLASSES, type FailureClass, type Sandbox, type SandboxIsolation, type SandboxRequest, type SandboxResult } from './sandbox.ts';
export { bleu, bleuCorpus, SACREBLEU_VERSION, type BleuParams } from './bleu.ts';
export { chrf, chrfCorpus, type ChrfParams } from './chrf.ts';
export { ter, terCorpus, type TerParams } from './ter.ts';
export { rouge, scoreRouge, ROUGE_TYPES, ROUGE_SCORE_VERSION, rougeSignature, type RougeParams, type RougeType } from './rouge.ts';
export { aggregateCorpusMetric, corpusStatsOf, CORPUS_BOOTSTRAP_RESAMPLES } from './corpus-aggregate.ts';
export { createTextReferences, referencesParam, type TextReferences } from './text-references.ts';
export { BLEU_TOKENIZERS, bleuTokenizer, type BleuTokenizer } from './text/bleu-tokenizers.ts';
export { computeBleu, bleuSignature, BLEU_SMOOTHING, type BleuOptions, type BleuScore, type BleuSmoothing } from './text/bleu-statistics.ts';
export { computeChrf, chrfSignature, type ChrfOptions } from './text/chrf-statistics.ts';
export { computeTer, translationEditRate, terSignature } from './text/ter-statistics.ts';
export { porterStem } from './text/porter-stemmer.ts';
export { rougeTokenize, rougeTokenizeCjk, type RougeTriple } from './text/rouge-score.ts';
export { scoreSync } from './score-sync.ts';
