export { evalSpecJsonSchema } from './json-schema.ts';
export { loadEvalSpec } from './load-spec-file.ts';
export { parseEvalSpec, type LoadedSpec } from './parse-spec.ts';
export {
  CandidateSpecSchema,
  EvalSpecSchema,
  ExecutionSpecSchema,
  GATE_OPS,
  JudgeSpecSchema,
  RateLimitSchema,
  ScorerSpecSchema,
  ThresholdGateSchema,
  type CandidateSpec,
  type DatasetSpec,
  type EvalSpec,
  type ExecutionSpec,
  type ScorerSpec,
  type GateSpec,
  type JudgeSpec,
  type RateLimit,
  type ThresholdGate,
} from './schema.ts';
export {
  BaselineGateSchema,
  BaselineRefSchema,
  ComparePairSchema,
  isBaselineGate,
  isLatencyBaselineGate,
  type BaselineGate,
  type DropGate,
  type LatencyBaselineGate,
  type ComparePair,
} from './release-schema.ts';
export { isSecretName } from './interpolate.ts';
