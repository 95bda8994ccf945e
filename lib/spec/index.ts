export { evalSpecJsonSchema } from './json-schema.ts';
export { loadEvalSpec } from './load-spec-file.ts';
export { parseEvalSpec, type LoadedSpec } from './parse-spec.ts';
export {
  EvalSpecSchema,
  ExecutionSpecSchema,
  JudgeSpecSchema,
  ThresholdGateSchema,
  type CandidateSpec,
  type EvalSpec,
  type ScorerSpec,
  type GateSpec,
  type JudgeSpec,
  type RateLimit,
  type ThresholdGate,
  CandidateSpecSchema,
} from './schema.ts';
export {
  BaselineGateSchema,
  isBaselineGate,
  isLatencyBaselineGate,
  type BaselineGate,
  type DropGate,
  type LatencyBaselineGate,
  type ComparePair,
} from './release-schema.ts';
export { isSecretName } from './interpolate.ts';
export {
  bedrockDefinition,
  controlDefinition,
  DEFAULT_RETRY_POLICY,
  getProviderDefinition,
  JUDGE_CONTROL_KINDS,
  openaiDefinition,
  providerDefinitions,
  replayDefinition,
  stripCredentials,
  type ControlKind,
  type JudgeControlKind,
  type OpenAIProviderParams,
  type ProviderDefinition,
  type ProviderId,
  type RetryPolicy,
  type TokenizerChoice,
} from './providers/index.ts';
export type { CalibrationSpec } from './answer-spec.ts';
export type { ReasoningSpec } from './answer-spec.ts';
